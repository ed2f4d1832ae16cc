package io.polyhost.host.http;

import io.polyhost.host.pool.Admission;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON answer of the batch endpoint: {@code {"accepted": n, "rejected": m, "results": [...]}}
 * with one item per message in order, {@code {"accepted": true, "tx_hash": "<hex>"}} or {@code
 * {"accepted": false, "status": ..., "detail": ..., "reason": ..., ...}}.
 *
 * <p>Accepted items, nearly all of them under load, are written as bytes directly: building a map
 * per item for Jackson cost more than parsing the batch. Refusals go through Jackson, as the
 * problem documents do. The bytes are what Jackson would write for the same maps.
 */
final class BatchAnswer {
  private static final byte[] ACCEPTED_ITEM = ascii("{\"accepted\":true,\"tx_hash\":\"");

  private BatchAnswer() {}

  static byte[] of(List<Admission> outcomes) {
    int accepted = 0;
    for (Admission outcome : outcomes) {
      if (outcome.accepted()) {
        accepted++;
      }
    }
    // An accepted item is 95 bytes; refusals are rarer and the buffer grows for them.
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 96 * outcomes.size());
    out.writeBytes(
        ascii(
            "{\"accepted\":"
                + accepted
                + ",\"rejected\":"
                + (outcomes.size() - accepted)
                + ",\"results\":["));
    for (int i = 0; i < outcomes.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      switch (outcomes.get(i)) {
        case Admission.Accepted a -> {
          out.writeBytes(ACCEPTED_ITEM);
          out.writeBytes(ascii(a.hash().toHex()));
          out.write('"');
          out.write('}');
        }
        case Admission.Rejected r -> out.writeBytes(Json.bytes(refusal(r)));
      }
    }
    out.write(']');
    out.write('}');
    return out.toByteArray();
  }

  private static Map<String, Object> refusal(Admission.Rejected rejected) {
    ApiProblem problem = Rejections.problem(rejected);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("accepted", false);
    item.put("status", problem.status());
    item.put("detail", problem.detail());
    item.putAll(problem.extensions());
    return item;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
