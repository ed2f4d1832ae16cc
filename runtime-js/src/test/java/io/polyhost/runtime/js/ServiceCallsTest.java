package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constructors, transactions, hooks, errors and child calls of JavaScript services. */
class ServiceCallsTest {
  static final String COUNTER =
      """
      export const service = {
        initialize(ctx, params) {
          ctx.storage.entry('count').set(params.start);
          ctx.storage.entry('owner', { value: 'string' }).set(ctx.caller.kind);
        },
        beforeTransactions(ctx) { ctx.storage.list('log').push('before@' + ctx.height); },
        afterTransactions(ctx) { ctx.storage.list('log').push('after@' + ctx.height); },
        afterCommit(ctx) {
          console.log('committed height ' + ctx.height + ' count ' + ctx.storage.entry('count').get());
          ctx.storage.list('log').push('commit'); // read-only after a commit: refused
        },
        transactions: {
          add: { id: 0, run(ctx, args) {
            const count = ctx.storage.entry('count');
            count.set(count.get() + args.by);
          } },
          fail: { id: 1, run(ctx, args) {
            ctx.storage.entry('count').set(-1);
            throw new ExecutionError(args.code, 'refused: ' + args.why);
          } },
          crash: { id: 2, run(ctx) { null.boom; } },
          whoami: { id: 3, run(ctx) {
            ctx.storage.entry('context').set({
              caller: ctx.caller, tx: ctx.transactionHash, height: ctx.height,
              time: ctx.blockTime, instance: ctx.instance, genesis: ctx.inGenesis });
          } },
          text: { id: 4, arguments: 'string', run(ctx, args) { ctx.storage.entry('text', { value: 'string' }).set(args); } },
          raw: { id: 5, arguments: 'bytes', run(ctx, args) { ctx.storage.entry('raw', { value: 'bytes' }).set(args.reverse()); } },
          custom: { id: 6, run(ctx) {
            class Insufficient extends ExecutionError {
              constructor() { super(17, 'not enough'); this.name = 'Insufficient'; }
            }
            throw new Insufficient();
          } },
          badCode: { id: 7, run(ctx) { throw new ExecutionError(-3, 'negative'); } },
          async: { id: 8, run: async (ctx) => {} },
        },
      };
      """;

  @TempDir Path dir;
  private JsFixture js;
  private InstanceSpec counter;

  @BeforeEach
  void open() {
    js = new JsFixture(dir);
    counter = js.service(3, "counter", COUNTER, "{\"start\": 10}");
  }

  @AfterEach
  void close() {
    js.close();
  }

  private long count() {
    return js.data(counter)
        .entry("count", Serializers.string())
        .get()
        .map(Long::parseLong)
        .orElseThrow();
  }

  @Test
  void constructorAndTransactionsWriteTheServicesData() {
    assertThat(count()).isEqualTo(10);
    assertThat(js.data(counter).entry("owner", Serializers.string()).get()).contains("blockchain");
    js.execute(counter, 0, "{\"by\": 5}");
    js.execute(counter, 0, "{\"by\": 7}");
    assertThat(count()).isEqualTo(22);
  }

  @Test
  void serviceErrorsCarryTheirCode() {
    assertThatThrownBy(() -> js.execute(counter, 1, "{\"code\": 42, \"why\": \"no\"}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.error().kind()).isEqualTo(ErrorKind.SERVICE);
              assertThat(e.error().code()).isEqualTo(42);
              assertThat(e.error().description()).isEqualTo("refused: no");
            });
    assertThatThrownBy(() -> js.execute(counter, 6, "null"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error()).isEqualTo(ExecutionError.service(17, "not enough")));
  }

  @Test
  void otherExceptionsAreUnexpected() {
    assertThatThrownBy(() -> js.execute(counter, 2, ""))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.error().kind()).isEqualTo(ErrorKind.UNEXPECTED);
              assertThat(e.error().description()).contains("TypeError");
            });
    assertThatThrownBy(() -> js.execute(counter, 7, ""))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e ->
                assertThat(e.error().description())
                    .contains("An ExecutionError code is an integer"));
    assertThatThrownBy(() -> js.execute(counter, 8, "")).hasMessageContaining("returned a Promise");
  }

  @Test
  void unknownMethodsInterfacesAndMalformedArguments() {
    assertThatThrownBy(() -> js.execute(counter, 99, "{}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.NO_SUCH_METHOD)).isTrue());
    var other =
        new TestContext(
            js.runtime,
            js.fork,
            counter,
            TestKeys.author(),
            Hash.zero(),
            1,
            JsFixture.BLOCK_TIME,
            js.services,
            "polyhost.Configure",
            new boolean[1]);
    assertThatThrownBy(() -> js.runtime.execute(other, 0, new byte[0]))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.NO_SUCH_INTERFACE)).isTrue());
    assertThatThrownBy(() -> js.execute(counter, 0, "{by: 5"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.MALFORMED_ARGUMENTS)).isTrue());
    assertThatThrownBy(() ->
            js.runtime.execute(
                js.context(counter, TestKeys.author(), Hash.zero()), 4, new byte[] {(byte) 0xc3}))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.MALFORMED_ARGUMENTS)).isTrue());
  }

  @Test
  void removedTransactionsFailWithMethodRemovedAndArePublished() {
    InstanceSpec v2 =
        js.service(
            4,
            "counter2",
            """
            export const service = {
              removedTransactions: [1, 7],
              transactions: { add: { id: 0, run(ctx, args) { ctx.storage.entry('n').set(args.by); } } },
            };
            """,
            "null");
    for (int removed : new int[] {1, 7}) {
      assertThatThrownBy(() -> js.execute(v2, removed, "{}"))
          .isInstanceOfSatisfying(
              ExecutionException.class,
              e -> {
                assertThat(e.error().is(CommonError.METHOD_REMOVED)).isTrue();
                assertThat(e.error().description())
                    .contains(
                        "Transaction " + removed + " of JavaScript service counter2 was removed");
              });
    }
    assertThatThrownBy(() -> js.execute(v2, 2, "{}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(CommonError.NO_SUCH_METHOD)).isTrue());
    js.execute(v2, 0, "{\"by\": 3}");
    assertThat(js.runtime.artifactInterface(v2.artifact()).orElseThrow().getRemovedIdsList())
        .containsExactly(1, 7);
    assertThat(js.runtime.artifactInterface(counter.artifact()).orElseThrow().getRemovedIdsList())
        .isEmpty();
  }

  @Test
  void theContextDescribesTheCall() {
    js.execute(counter, 3, "", "the transaction");
    String json = js.data(counter).entry("context", Serializers.string()).get().orElseThrow();
    Hash tx = Hash.sha256(JsFixture.utf8("the transaction"));
    assertThat(json)
        .contains("\"kind\":\"transaction\"")
        .contains("\"author\":\"" + TestKeys.AUTHOR.toHex() + "\"")
        .contains("\"address\":\"" + TestKeys.author().address().toHex() + "\"")
        .contains("\"tx\":\"" + tx.toHex() + "\"")
        .contains("\"height\":5")
        .contains("\"time\":" + JsFixture.BLOCK_TIME.toEpochMilli())
        .contains("\"instance\":{\"id\":3,\"name\":\"counter\"")
        .contains("\"genesis\":false");
  }

  @Test
  void aContextKeptPastItsCallIsRefusedAndItsMembersAreReadOnly() {
    InstanceSpec keeper =
        js.service(
            6,
            "keeper",
            """
            let kept;
            export const service = { transactions: {
              keep: { id: 0, run(ctx) { kept = ctx; } },
              readKept: { id: 1, run(ctx) { ctx.storage.entry('height').set(kept.height); } },
              readOnly: { id: 2, run(ctx) {
                const { storage, height } = ctx;
                const refused = [];
                for (const name of ['height', 'caller', 'storage', 'call']) {
                  try { ctx[name] = 1; } catch (e) { refused.push(e instanceof TypeError); }
                }
                storage.entry('readOnly').set([height, ...refused]);
              } },
            } };
            """);
    js.execute(keeper, 0, "{}");
    assertThatThrownBy(() -> js.execute(keeper, 1, "{}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e ->
                assertThat(e.error().description())
                    .contains("describes only the call it was passed to"));
    js.execute(keeper, 2, "{}");
    assertThat(js.data(keeper).entry("readOnly", Serializers.string()).get())
        .contains("[5,true,true,true,true]");
  }

  @Test
  void aServiceCallingItselfKeepsItsOwnCallAfterwards() {
    InstanceSpec selfish =
        js.service(
            7,
            "selfish",
            """
            export const service = { transactions: {
              outer: { id: 0, run(ctx) {
                ctx.call('selfish', 1, { n: 2 });
                ctx.storage.entry('outer').set([ctx.transactionHash !== null, ctx.caller.kind]);
              } },
              inner: { id: 1, run(ctx, args) {
                ctx.storage.entry('inner').set([args.n, ctx.transactionHash !== null, ctx.caller.kind]);
              } },
            } };
            """);
    js.execute(selfish, 0, "{}");
    assertThat(js.data(selfish).entry("inner", Serializers.string()).get())
        .contains("[2,true,\"service\"]");
    assertThat(js.data(selfish).entry("outer", Serializers.string()).get())
        .contains("[true,\"transaction\"]");
  }

  @Test
  void stringAndByteArguments() {
    js.execute(counter, 4, "plain ü text");
    assertThat(js.data(counter).entry("text", Serializers.string()).get()).contains("plain ü text");
    js.runtime.execute(
        js.context(counter, TestKeys.author(), Hash.zero()), 5, new byte[] {1, 2, (byte) 250});
    assertThat(js.data(counter).entry("raw", Serializers.bytes()).get())
        .hasValueSatisfying(b -> assertThat(b).containsExactly((byte) 250, 2, 1));
  }

  @Test
  void hooksRunAroundTransactionsAndAfterCommit() {
    js.beforeTransactions(counter);
    js.execute(counter, 0, "{\"by\": 1}");
    js.afterTransactions(counter);
    assertThat(js.data(counter).list("log", Serializers.string()))
        .containsExactly("\"before@5\"", "\"after@5\"");
    // afterCommit reads (the log shows the count) and its refused write does not reach the node.
    js.afterCommit();
    assertThat(js.data(counter).list("log", Serializers.string())).hasSize(2);
  }

  @Test
  void childCallsReachOtherServicesAndReportTheirErrors() {
    InstanceSpec caller =
        js.service(
            4,
            "caller",
            """
            export const service = { transactions: {
              forward: { id: 0, run(ctx, args) { ctx.call('counter', args.method, args.args); } },
              byId: { id: 1, run(ctx, args) { ctx.call(3, 0, { by: 100 }); } },
              catching: { id: 2, run(ctx, args) {
                try { ctx.call('counter', 1, { code: 9, why: 'child' }); }
                catch (e) {
                  if (!(e instanceof CallError)) throw e;
                  throw new ExecutionError(50 + e.code, e.kind + ': ' + e.message);
                }
              } },
              swallow: { id: 3, run(ctx) {
                try { ctx.call('counter', 1, { code: 9, why: 'child' }); } catch (e) {}
                ctx.storage.entry('after').set(1);
              } },
              whoCalls: { id: 4, run(ctx) { ctx.call('counter', 3); } },
              heldIndex: { id: 5, run(ctx) {
                const after = ctx.storage.entry('after');
                after.set(0);
                try { ctx.call('counter', 1, { code: 9, why: 'child' }); } catch (e) {}
                after.set(1);
              } },
            } };
            """);
    js.execute(caller, 1, "{}");
    assertThat(count()).isEqualTo(110);
    js.execute(caller, 0, "{\"method\": 0, \"args\": {\"by\": 1}}");
    assertThat(count()).isEqualTo(111);

    assertThatThrownBy(
            () -> js.execute(caller, 0, "{\"method\": 1, \"args\": {\"code\": 8, \"why\": \"x\"}}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error()).isEqualTo(ExecutionError.service(8, "refused: x")));
    assertThatThrownBy(() -> js.execute(caller, 2, "{}"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e ->
                assertThat(e.error())
                    .isEqualTo(ExecutionError.service(59, "service: refused: child")));
    // Touching data after a failed child call is refused by the dispatcher's context, also
    // through an index the call had opened before.
    for (int method : new int[] {3, 5}) {
      assertThatThrownBy(() -> js.execute(caller, method, "{}"))
          .isInstanceOfSatisfying(
              ExecutionException.class,
              e -> assertThat(e.error().is(CoreError.INCORRECT_CALL)).isTrue());
    }

    js.execute(caller, 4, "{}");
    assertThat(js.data(counter).entry("context", Serializers.string()).get())
        .hasValueSatisfying(c -> assertThat(c).contains("\"kind\":\"service\",\"instanceId\":4"));
  }

  @Test
  void resumeRunsTheResumeHookAndStatusesDropInstances() {
    InstanceSpec resumable =
        js.service(
            5,
            "resumable",
            "export const service = { resume(ctx, p) { ctx.storage.entry('resumed').set(p); } };\n");
    js.runtime.initiateResumingService(
        js.context(resumable, Caller.Blockchain.INSTANCE, null),
        resumable.artifact(),
        JsFixture.utf8("[1,2]"));
    assertThat(js.data(resumable).entry("resumed", Serializers.string()).get()).contains("[1,2]");
    assertThat(js.runtime.isSupported(RuntimeFeature.FREEZING_SERVICES)).isTrue();
  }
}
