package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointRequest.Scope;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read endpoints of JavaScript services and the interface a JavaScript artifact publishes. */
class EndpointTest {
  private static final String SERVICE =
      """
      export const service = {
        transactions: {
          put: { id: 3, run(ctx, args) { ctx.storage.map('items').put(args.key, args.value); } },
          count: { id: 1, run(ctx) {
            const n = ctx.storage.entry('n'); n.set((n.get() ?? 0) + 1);
          } },
        },
        endpoints: {
          public: {
            item(ctx, query) {
              const value = ctx.storage.map('items').get(query.key);
              if (value === undefined) throw new EndpointError(404, 'no item ' + query.key);
              return { key: query.key, value };
            },
            'items/all': (ctx) => ctx.storage.map('items').entries(),
            echo: (ctx, query) => ({ query, all: ctx.queryAll, path: ctx.path, scope: ctx.scope,
              height: ctx.height, instance: ctx.instance.name }),
            nothing: (ctx) => undefined,
            typeError: (ctx) => null.boom,
            coded: (ctx) => { throw new ExecutionError(12, 'not now'); },
            spin: (ctx) => { for (;;) {} },
            write: (ctx) => ctx.storage.entry('n').set(99),
            call: (ctx) => ctx.call('other', 0),
            promise: async (ctx) => 1,
            badStatus: (ctx) => { throw new EndpointError(200, 'fine?'); },
            count: (ctx) => ctx.storage.entry('n').get() ?? 0,
          },
          private: {
            stats: (ctx) => ({ n: ctx.storage.entry('n').get() }),
          },
        },
      };
      """;

  @TempDir Path dir;
  private JsFixture js;
  private InstanceSpec svc;

  @BeforeEach
  void open() {
    js = new JsFixture(dir, new JsLimits(200_000, Duration.ofSeconds(30)));
    svc = js.service(4, "shop", SERVICE);
    js.execute(svc, 3, "{\"key\": \"apple\", \"value\": {\"price\": 3}}");
    js.execute(svc, 1, "");
    js.commit();
  }

  @AfterEach
  void close() {
    js.close();
  }

  private Optional<EndpointResponse> get(Scope scope, String path, Map<String, List<String>> q) {
    return js.runtime.handleEndpoint(svc, new EndpointRequest(scope, path, q));
  }

  private EndpointResponse get(String path) {
    return get(Scope.PUBLIC, path, Map.of()).orElseThrow();
  }

  @Test
  void answersWithTheLatestCommittedState() {
    assertThat(get(Scope.PUBLIC, "item", Map.of("key", List.of("apple"))))
        .contains(EndpointResponse.ok("{\"key\":\"apple\",\"value\":{\"price\":3}}"));
    assertThat(get("items/all")).isEqualTo(EndpointResponse.ok("[[\"apple\",{\"price\":3}]]"));
    // Uncommitted changes are not visible.
    js.execute(svc, 1, "", "second count");
    assertThat(get("count")).isEqualTo(EndpointResponse.ok("1"));
    js.commit();
    assertThat(get("count")).isEqualTo(EndpointResponse.ok("2"));
    assertThat(get(Scope.PRIVATE, "stats", Map.of())).contains(EndpointResponse.ok("{\"n\":2}"));
  }

  @Test
  void describesTheRequest() {
    EndpointResponse echo =
        get(Scope.PUBLIC, "echo", Map.of("a", List.of("1", "2"), "__proto__", List.of("x")))
            .orElseThrow();
    assertThat(echo.status()).isEqualTo(200);
    assertThat(echo.json())
        .contains("\"a\":\"1\"")
        .contains("\"__proto__\":\"x\"")
        .contains("\"a\":[\"1\",\"2\"]")
        .contains("\"path\":\"echo\",\"scope\":\"public\",\"height\":5,\"instance\":\"shop\"");
    assertThat(get("nothing")).isEqualTo(EndpointResponse.ok("null"));
  }

  @Test
  void missingEndpointsAreEmpty() {
    assertThat(get(Scope.PUBLIC, "absent", Map.of())).isEmpty();
    assertThat(get(Scope.PRIVATE, "item", Map.of())).isEmpty();
    assertThat(get(Scope.PUBLIC, "stats", Map.of())).isEmpty();
    assertThat(get(Scope.PUBLIC, "items", Map.of())).isEmpty();
  }

  @Test
  void failuresBecomeErrorStatusesWithAJsonDetail() {
    assertProblem(get(Scope.PUBLIC, "item", Map.of("key", List.of("pear"))), 404, "no item pear");
    assertProblem(Optional.of(get("typeError")), 500, "TypeError");
    assertThat(get("coded"))
        .isEqualTo(new EndpointResponse(400, "{\"detail\":\"not now\",\"code\":12}"));
    assertProblem(Optional.of(get("spin")), 500, "ran out of gas");
    assertProblem(Optional.of(get("write")), 500, "read-only");
    assertProblem(Optional.of(get("call")), 500, "ctx.call is not a function");
    assertProblem(Optional.of(get("promise")), 500, "returned a Promise");
    assertProblem(Optional.of(get("badStatus")), 500, "status from 400 to 599");
    // Nothing of that changed the state, and the endpoints still answer.
    assertThat(get("count")).isEqualTo(EndpointResponse.ok("1"));
  }

  @Test
  void theWatchdogAnswers503AndTheNodeGoesOn() throws Exception {
    try (JsFixture slow =
        new JsFixture(
            Files.createDirectories(dir.resolve("slow")),
            new JsLimits(Long.MAX_VALUE, Duration.ofSeconds(1)))) {
      InstanceSpec spec = slow.service(4, "shop", SERVICE);
      slow.commit();
      EndpointResponse answer =
          slow.runtime
              .handleEndpoint(spec, new EndpointRequest(Scope.PUBLIC, "spin", Map.of()))
              .orElseThrow();
      assertProblem(Optional.of(answer), 503, "cancelled by the watchdog");
      assertThat(
              slow.runtime.handleEndpoint(
                  spec, new EndpointRequest(Scope.PUBLIC, "count", Map.of())))
          .contains(EndpointResponse.ok("0"));
    }
  }

  @Test
  void concurrentRequestsWhileBlocksExecute() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<EndpointResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        answers.add(
            pool.submit(
                () -> get(Scope.PUBLIC, "item", Map.of("key", List.of("apple"))).orElseThrow()));
      }
      for (int i = 0; i < 20; i++) {
        js.execute(svc, 1, "", "count " + i);
      }
      for (Future<EndpointResponse> answer : answers) {
        assertThat(answer.get())
            .isEqualTo(EndpointResponse.ok("{\"key\":\"apple\",\"value\":{\"price\":3}}"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theInterfaceListsTransactionsByIdWithoutArgumentTypes() {
    ServiceInterfaceProto proto = js.runtime.artifactInterface(svc.artifact()).orElseThrow();
    assertThat(proto.getMethodsList())
        .extracting(m -> m.getId() + ":" + m.getName() + ":" + m.getArgumentType())
        .containsExactly("1:count:", "3:put:");
    assertThat(proto.getConfigurable()).isFalse();
    assertThat(proto.getArgumentTypes().getFileCount()).isZero();
    assertThat(js.runtime.artifactInterface(JsFixture.id("shop", "9.9.9"))).isEmpty();
  }

  @Test
  void deployRefusesMalformedEndpoints() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() ->
                js.deploy(
                    "badpath",
                    "export const service = { endpoints: { public: { '/x': () => 1 } } };\n")))
        .hasMessageContaining("'/x' is not an endpoint path");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() ->
                js.deploy(
                    "badscope",
                    "export const service = { endpoints: { admin: { x: () => 1 } } };\n")))
        .hasMessageContaining("its scopes are 'public' and 'private'");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() ->
                js.deploy(
                    "notfn", "export const service = { endpoints: { public: { x: 1 } } };\n")))
        .hasMessageContaining("must be a function");
  }

  private static void assertProblem(Optional<EndpointResponse> answer, int status, String detail) {
    assertThat(answer).isPresent();
    assertThat(answer.get().status()).as(answer.get().json()).isEqualTo(status);
    assertThat(answer.get().json()).startsWith("{\"detail\":").contains(detail);
  }
}
