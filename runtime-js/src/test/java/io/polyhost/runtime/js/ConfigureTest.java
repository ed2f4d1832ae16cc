package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code polyhost.Configure} interface of JavaScript services, as the supervisor calls it. */
class ConfigureTest {
  private static final String TUNABLE =
      """
      export const service = {
        configure: {
          verify(ctx, config) {
            if (!(Number.isInteger(config.limit) && config.limit > 0)) {
              throw new ExecutionError(7, 'limit must be a positive integer, got ' + config.limit);
            }
            ctx.storage.entry('verified').set(config.limit);
          },
          apply(ctx, config) {
            ctx.storage.entry('config').set(config);
            ctx.storage.entry('appliedBy').set(ctx.caller);
          },
        },
        transactions: { ping: { id: 0, run(ctx) {} } },
      };
      """;

  /** A stand-in for the supervisor (instance 0): forwards to the interface by a child call. */
  private static final String SUPERVISOR =
      """
      export const service = { transactions: {
        configure: { id: 0, run(ctx, args) {
          ctx.call(args.service, args.method, args.config, { interface: 'polyhost.Configure' });
        } },
      } };
      """;

  @TempDir Path dir;
  private JsFixture js;
  private InstanceSpec supervisor;
  private InstanceSpec tunable;

  @BeforeEach
  void open() {
    js = new JsFixture(dir);
    supervisor = js.service(0, "supervisor", SUPERVISOR);
    tunable = js.service(8, "tunable", TUNABLE);
  }

  @AfterEach
  void close() {
    js.close();
  }

  private void viaSupervisor(int method, String configJson) {
    js.execute(
        supervisor,
        0,
        "{\"service\": \"tunable\", \"method\": " + method + ", \"config\": " + configJson + "}");
  }

  private String stored(String entry) {
    return js.data(tunable).entry(entry, Serializers.string()).get().orElse("<absent>");
  }

  @Test
  void theSupervisorVerifiesAndAppliesAConfiguration() {
    viaSupervisor(Configurable.VERIFY_METHOD_ID, "{\"limit\": 5}");
    assertThat(stored("verified")).isEqualTo("5");
    assertThat(stored("config")).isEqualTo("<absent>");

    viaSupervisor(Configurable.APPLY_METHOD_ID, "{\"limit\": 5}");
    assertThat(stored("config")).isEqualTo("{\"limit\":5}");
    assertThat(stored("appliedBy")).contains("\"kind\":\"service\",\"instanceId\":0");
  }

  @Test
  void verifyRefusesWithTheServicesError() {
    assertThatThrownBy(() -> viaSupervisor(Configurable.VERIFY_METHOD_ID, "{\"limit\": -1}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e ->
                assertThat(e.error())
                    .isEqualTo(
                        ExecutionError.service(7, "limit must be a positive integer, got -1")));
    assertThat(stored("verified")).isEqualTo("<absent>");
  }

  @Test
  void onlyTheSupervisorMayCall() {
    for (Caller caller :
        new Caller[] {TestKeys.author(), new Caller.Service(3), Caller.Blockchain.INSTANCE}) {
      assertError(
          () -> js.call(tunable, caller, Configurable.INTERFACE_NAME, 1, "{\"limit\": 1}"),
          CommonError.UNAUTHORIZED_CALLER,
          "may be called only by the supervisor");
    }
    assertThat(stored("config")).isEqualTo("<absent>");
  }

  @Test
  void unknownMethodsMissingInterfacesAndMalformedConfigurations() {
    Caller supervisor = new Caller.Service(0);
    assertError(
        () -> js.call(tunable, supervisor, Configurable.INTERFACE_NAME, 2, "{}"),
        CommonError.NO_SUCH_METHOD,
        "has no method 2");
    assertError(
        () -> js.call(tunable, supervisor, Configurable.INTERFACE_NAME, 0, "{limit"),
        CommonError.MALFORMED_ARGUMENTS,
        "configure.verify");
    InstanceSpec plain = js.service(9, "plain", "export const service = { transactions: {} };\n");
    // The interface check comes first, as in the Java runtime: even the supervisor gets it.
    assertError(
        () -> js.call(plain, supervisor, Configurable.INTERFACE_NAME, 0, "{}"),
        CommonError.NO_SUCH_INTERFACE,
        "does not implement polyhost.Configure");
    assertError(
        () -> js.call(tunable, supervisor, "polyhost.Other", 0, "{}"),
        CommonError.NO_SUCH_INTERFACE,
        "no interface 'polyhost.Other'");
  }

  @Test
  void configurationsMayBeStringsOrBytes() {
    InstanceSpec text =
        js.service(
            10,
            "text",
            """
            export const service = { configure: {
              arguments: 'string',
              verify(ctx, config) { if (typeof config !== 'string') throw new Error('not text'); },
              apply(ctx, config) { ctx.storage.entry('config', { value: 'string' }).set(config); },
            } };
            """);
    js.call(text, new Caller.Service(0), Configurable.INTERFACE_NAME, 0, "mode=fast");
    js.call(text, new Caller.Service(0), Configurable.INTERFACE_NAME, 1, "mode=fast");
    assertThat(js.data(text).entry("config", Serializers.string()).get()).contains("mode=fast");
  }

  @Test
  void aConfigureWithoutBothMethodsIsRefusedAtDeploy() {
    assertThatThrownBy(() ->
            js.deploy("half", "export const service = { configure: { verify(ctx, c) {} } };\n"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_INVALID)).isTrue())
        .hasMessageContaining("service.configure.apply must be a function");
    assertThatThrownBy(() -> js.deploy("notobj", "export const service = { configure: 3 };\n"))
        .hasMessageContaining("service.configure must be an object");
  }

  private static void assertError(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(code)).as("%s", e.error()).isTrue())
        .hasMessageContaining(message);
  }
}
