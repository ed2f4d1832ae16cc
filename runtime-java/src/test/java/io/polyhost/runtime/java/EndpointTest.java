package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactReq;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.Patch;
import io.polyhost.storage.index.IndexViews;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read endpoints of Java services: answered from the latest committed state, read-only, metered;
 * failures become answers, and the published interface is what clients build transactions from.
 */
class EndpointTest {
  private static final String SERVICE =
      """
        @Transaction(id = 0, name = "set") public void set(ExecutionContext c, byte[] a) {
          text(c, "value").set(utf8(a));
        }
        @Override public Optional<EndpointResponse> read(ReadContext c, EndpointRequest r) {
          return switch (r.path()) {
            case "value" -> Optional.of(EndpointResponse.ok(
                "{\\"value\\":\\"" + c.serviceData().entry("value", Serializers.string()).get().orElse("")
                    + "\\",\\"instance\\":\\"" + c.instance().name() + "\\"}"));
            case "admin" -> r.scope() == EndpointRequest.Scope.PRIVATE
                ? Optional.of(EndpointResponse.ok("{\\"admin\\":true}"))
                : Optional.empty();
            case "echo" -> Optional.of(EndpointResponse.ok(
                "{\\"q\\":\\"" + r.parameter("q").orElse("none") + "\\"}"));
            case "refuse" -> throw ExecutionException.service(3, "no such \\"account\\"");
            case "write" -> {
              c.serviceData().entry("value", Serializers.string()).set("overwritten");
              yield Optional.of(EndpointResponse.ok("{}"));
            }
            case "spin" -> { while (true) {} }
            default -> Optional.empty();
          };
        }
      """;

  private static final ArtifactId ARTIFACT = ServiceFixture.artifact("fixture.reads");

  @TempDir Path dir;
  TestNode node;
  InstanceSpec spec;
  Patch committed;

  @BeforeEach
  void start() throws Exception {
    node = new TestNode(dir);
    node.deploy(ARTIFACT, ServiceFixture.jar(ARTIFACT, ServiceFixture.compile(SERVICE)));
    spec = node.start(1, "reads", ARTIFACT, "");
    assertThat(node.transaction(spec, 0, "forty-two")).isEmpty();
    committed = node.fork.intoPatch();
    node.runtime.initialize(new LatestState(committed, spec));
  }

  @AfterEach
  void close() {
    committed.close();
    node.close();
  }

  private Optional<EndpointResponse> get(EndpointRequest.Scope scope, String path) {
    return node.runtime.handleEndpoint(spec, new EndpointRequest(scope, path, Map.of()));
  }

  @Test
  void aReadAnswersFromTheLatestState() {
    assertThat(get(EndpointRequest.Scope.PUBLIC, "value"))
        .contains(EndpointResponse.ok("{\"value\":\"forty-two\",\"instance\":\"reads\"}"));
    assertThat(
            node.runtime.handleEndpoint(
                spec,
                new EndpointRequest(
                    EndpointRequest.Scope.PUBLIC, "echo", Map.of("q", List.of("hi", "ho")))))
        .contains(EndpointResponse.ok("{\"q\":\"hi\"}"));
  }

  @Test
  void theServiceDecidesWhichPathsExistInWhichScope() {
    assertThat(get(EndpointRequest.Scope.PUBLIC, "nothing")).isEmpty();
    assertThat(get(EndpointRequest.Scope.PUBLIC, "admin")).isEmpty();
    assertThat(get(EndpointRequest.Scope.PRIVATE, "admin"))
        .contains(EndpointResponse.ok("{\"admin\":true}"));
    InstanceSpec other = new InstanceSpec(9, "other", ARTIFACT);
    assertThat(
            node.runtime.handleEndpoint(
                other, new EndpointRequest(EndpointRequest.Scope.PUBLIC, "value", Map.of())))
        .isEmpty();
  }

  @Test
  void failuresBecomeAnswers() {
    assertThat(get(EndpointRequest.Scope.PUBLIC, "refuse"))
        .hasValueSatisfying(r -> {
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.json()).isEqualTo("{\"error\":\"no such \\\"account\\\"\"}");
        });
    assertThat(get(EndpointRequest.Scope.PUBLIC, "write"))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(500));
    assertThat(get(EndpointRequest.Scope.PUBLIC, "spin"))
        .hasValueSatisfying(r -> {
          assertThat(r.status()).isEqualTo(500);
          assertThat(r.json()).contains("out of gas");
        });
    assertThat(get(EndpointRequest.Scope.PUBLIC, "value").orElseThrow().json())
        .contains("forty-two");
  }

  @Test
  void theArtifactsInterfaceIsPublishedThroughTheRuntimeSpi() {
    var published = node.runtime.artifactInterface(ARTIFACT).orElseThrow();
    assertThat(published.getMethodsList())
        .extracting(m -> m.getId() + ":" + m.getName())
        .containsExactly("0:set");
    assertThat(node.runtime.artifactInterface(ServiceFixture.artifact("fixture.absent"))).isEmpty();
  }

  /** The node's side: the latest state is the committed patch, where the service's data lives. */
  private record LatestState(Patch patch, InstanceSpec instance) implements RuntimeEnvironment {
    @Override
    public <T> T readLatest(Function<BlockchainData, T> reader) {
      return reader.apply(new Data(patch, instance));
    }
  }

  /** Just enough of the state for a read: the service's own data, by id. */
  private record Data(Patch patch, InstanceSpec instance) implements BlockchainData {
    @Override
    public Optional<IndexAccess> forService(InstanceQuery query) {
      return query.equals(InstanceQuery.id(instance.id()))
          ? Optional.of(IndexViews.over(patch.prefixed(instance.name())))
          : Optional.empty();
    }

    @Override
    public long height() {
      return 1;
    }

    @Override
    public ConsensusConfigProto consensusConfig() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<ArtifactId, ArtifactStatus> artifacts() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<InstanceState> instances() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<InstanceState> instance(InstanceQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public IndexAccess forService(InstanceQuery query, ArtifactReq required) {
      throw new UnsupportedOperationException();
    }
  }
}
