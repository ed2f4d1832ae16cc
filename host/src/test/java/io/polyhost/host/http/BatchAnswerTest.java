package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchAnswerTest {
  @Test
  void writesWhatJacksonWritesForTheSameItems() {
    List<Admission> outcomes =
        List.of(
            new Admission.Accepted(Hash.sha256(new byte[] {1})),
            new Admission.Rejected(
                RejectionReason.DUPLICATE,
                "already \"pooled\"\n\u00e9",
                Optional.of(Hash.sha256(new byte[] {2})),
                Optional.empty()),
            new Admission.Accepted(Hash.sha256(new byte[] {3})),
            new Admission.Rejected(
                RejectionReason.MALFORMED, "not a message", Optional.empty(), Optional.empty()),
            new Admission.Rejected(
                RejectionReason.POOL_FULL, "retry later", Optional.empty(), Optional.empty()));

    assertThat(new String(BatchAnswer.of(outcomes), StandardCharsets.UTF_8))
        .isEqualTo(new String(Json.bytes(withMaps(outcomes)), StandardCharsets.UTF_8));
  }

  @Test
  void answersAnAllAcceptedBatch() {
    Hash hash = Hash.sha256(new byte[] {7});
    List<Admission> outcomes = List.of(new Admission.Accepted(hash));

    assertThat(new String(BatchAnswer.of(outcomes), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"accepted\":1,\"rejected\":0,\"results\":[{\"accepted\":true,\"tx_hash\":\""
                + hash.toHex()
                + "\"}]}");
  }

  /** The answer as the endpoint built it before, one map per item rendered by Jackson. */
  private static Map<String, Object> withMaps(List<Admission> outcomes) {
    List<Object> results = new ArrayList<>();
    int accepted = 0;
    for (Admission outcome : outcomes) {
      Map<String, Object> item = new LinkedHashMap<>();
      switch (outcome) {
        case Admission.Accepted a -> {
          accepted++;
          item.put("accepted", true);
          item.put("tx_hash", a.hash().toHex());
        }
        case Admission.Rejected r -> {
          ApiProblem problem = Rejections.problem(r);
          item.put("accepted", false);
          item.put("status", problem.status());
          item.put("detail", problem.detail());
          item.putAll(problem.extensions());
        }
      }
      results.add(item);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", accepted);
    json.put("rejected", outcomes.size() - accepted);
    json.put("results", results);
    return json;
  }
}
