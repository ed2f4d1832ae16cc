package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.ServiceInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wallet artifact through the whole Runtime contract, over a real RocksDB fork. */
class JavaRuntimeTest {
  private static final ArtifactId WALLET = wallet("1.0.0");
  private static final Caller ALICE =
      new Caller.Transaction(io.polyhost.api.crypto.KeyPair.generate().publicKey());

  @TempDir Path dir;
  TestNode node;
  InstanceSpec spec;

  @BeforeEach
  void deployAndStart() throws Exception {
    node = new TestNode(dir);
    node.deploy(WALLET, FixtureJar.of(WALLET, FACTORY, Fixtures.walletClasses("one")));
    spec = node.start(3, "wallet", WALLET, "hello");
  }

  @AfterEach
  void close() {
    node.close();
  }

  private FakeContext context() {
    return FakeContext.of(node.fork, spec).as(ALICE);
  }

  private void execute(int method, String arguments) {
    node.runtime.execute(context(), method, arguments.getBytes(StandardCharsets.UTF_8));
  }

  private static ExecutionError errorOf(Runnable call) {
    try {
      call.run();
    } catch (ExecutionException e) {
      return e.error();
    }
    throw new AssertionError("The call succeeded but should have failed");
  }

  private static void assertError(ExecutionError error, ErrorCode code, String description) {
    assertThat(error.is(code)).as("%s", error).isTrue();
    assertThat(error.description()).contains(description);
  }

  @Test
  void theConstructorRanOnTheServicesOwnData() {
    assertThat(node.text(spec, "greeting")).contains("hello");
    assertThat(node.number(spec, "balance")).contains(0L);
  }

  @Test
  void transactionsRunByIdWithBytesOrProtobufArguments() {
    execute(0, "25");
    execute(0, "17");
    assertThat(node.number(spec, "balance")).contains(42L);

    HashProto owner = HashProto.newBuilder().setData(ByteString.copyFromUtf8("alice")).build();
    node.runtime.execute(context(), 1, owner.toByteArray());
    assertThat(node.text(spec, "owner")).contains("alice");
  }

  @Test
  void argumentsThatDoNotParseAreMalformed() {
    ExecutionError error = errorOf(() -> node.runtime.execute(context(), 1, new byte[] {0x0f}));
    assertError(error, CommonError.MALFORMED_ARGUMENTS, "polyhost.HashProto");
  }

  @Test
  void removedAndUnknownMethodsAndInterfacesFail() {
    assertError(errorOf(() -> execute(5, "")), CommonError.METHOD_REMOVED, "was removed");
    assertError(errorOf(() -> execute(99, "")), CommonError.NO_SUCH_METHOD, "no method 99");
    assertError(
        errorOf(() -> node.runtime.execute(context().in("other.Iface"), 0, new byte[0])),
        CommonError.NO_SUCH_INTERFACE,
        "other.Iface");
  }

  @Test
  void serviceErrorsAreTheResultAndUnexpectedExceptionsBecomeUnexpected() {
    ExecutionError refused = errorOf(() -> execute(2, ""));
    assertThat(refused.kind()).isEqualTo(ErrorKind.SERVICE);
    assertThat(refused.code()).isEqualTo(7);
    assertThat(refused.description()).isEqualTo("refused on purpose");

    ExecutionError boom = errorOf(() -> execute(3, ""));
    assertThat(boom.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(boom.description()).isEqualTo("java.lang.IllegalStateException: boom");

    ExecutionError notANumber = errorOf(() -> execute(0, "many"));
    assertThat(notANumber.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(notANumber.description()).contains("NumberFormatException");
  }

  @Test
  void errorsFromServiceCodePropagateForTheDispatcherToHalt() {
    assertThatThrownBy(() -> execute(6, ""))
        .isInstanceOf(AssertionError.class)
        .hasMessage("a bug in the service");
  }

  @Test
  void aRefusingConstructorFailsAndTheInstanceDoesNotRun() {
    InstanceSpec other = new InstanceSpec(4, "other", WALLET);
    ExecutionError error =
        errorOf(() ->
            node.runtime.initiateAddingService(
                FakeContext.of(node.fork, other), WALLET, "bad".getBytes()));
    assertThat(error).isEqualTo(ExecutionError.service(1, "bad parameters"));
    assertThatThrownBy(() -> node.runtime.execute(FakeContext.of(node.fork, other), 0, new byte[0]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running");
  }

  @Test
  void hooksRunOnTheActiveService() {
    node.runtime.beforeTransactions(FakeContext.of(node.fork, spec));
    node.runtime.beforeTransactions(FakeContext.of(node.fork, spec));
    node.runtime.afterTransactions(FakeContext.of(node.fork, spec));
    assertThat(node.number(spec, "before")).contains(2L);
    assertThat(node.number(spec, "after")).contains(1L);
  }

  @Test
  void resumeRunsTheResumeHookOnAFreshObject() {
    node.setStatus(spec, InstanceStatus.STOPPED);
    node.runtime.initiateResumingService(
        FakeContext.of(node.fork, spec), WALLET, "again".getBytes());
    assertThat(node.text(spec, "resumed")).contains("again");
    ExecutionError error =
        errorOf(() ->
            node.runtime.initiateResumingService(
                FakeContext.of(node.fork, spec), WALLET, "bad".getBytes()));
    assertThat(error.kind()).isEqualTo(ErrorKind.SERVICE);
  }

  @Test
  void onlyTheSupervisorMayConfigure() {
    FakeContext configure = context().in(Configurable.INTERFACE_NAME);
    byte[] config = "limit=5".getBytes();
    assertError(
        errorOf(() -> node.runtime.execute(configure, Configurable.APPLY_METHOD_ID, config)),
        CommonError.UNAUTHORIZED_CALLER,
        "only by the supervisor");
    assertError(
        errorOf(() ->
            node.runtime.execute(
                configure.as(new Caller.Service(5)), Configurable.APPLY_METHOD_ID, config)),
        CommonError.UNAUTHORIZED_CALLER,
        "only by the supervisor");
    assertThat(node.text(spec, "config")).isEmpty();

    FakeContext supervisor = configure.as(new Caller.Service(0));
    ExecutionError empty =
        errorOf(() -> node.runtime.execute(supervisor, Configurable.VERIFY_METHOD_ID, new byte[0]));
    assertThat(empty).isEqualTo(ExecutionError.service(2, "empty configuration"));
    node.runtime.execute(supervisor, Configurable.VERIFY_METHOD_ID, config);
    node.runtime.execute(supervisor, Configurable.APPLY_METHOD_ID, config);
    assertThat(node.text(spec, "config")).contains("limit=5");
    assertError(
        errorOf(() -> node.runtime.execute(supervisor, 2, config)),
        CommonError.NO_SUCH_METHOD,
        "no method 2");
  }

  @Test
  void afterCommitBroadcastsOnlyForActiveServicesAndStoppedServicesAreDropped() {
    FakeCommitContext commit = new FakeCommitContext();
    node.runtime.afterCommit(commit);
    assertThat(commit.broadcasts).containsExactly("7:0:1");

    node.setStatus(spec, InstanceStatus.FROZEN);
    node.runtime.afterCommit(commit);
    assertThat(commit.broadcasts).hasSize(1);
    assertThat(node.runtime.isSupported(RuntimeFeature.FREEZING_SERVICES)).isTrue();

    node.setStatus(spec, InstanceStatus.STOPPED);
    assertThatThrownBy(() -> execute(0, "1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theInterfaceIsPublished() {
    ServiceInterface published = node.runtime.serviceInterface(WALLET).orElseThrow();
    assertThat(published.methods())
        .extracting(ServiceInterface.Method::id, ServiceInterface.Method::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "deposit"),
            org.assertj.core.groups.Tuple.tuple(1, "setOwner"),
            org.assertj.core.groups.Tuple.tuple(2, "refuse"),
            org.assertj.core.groups.Tuple.tuple(3, "boom"),
            org.assertj.core.groups.Tuple.tuple(4, "echo"),
            org.assertj.core.groups.Tuple.tuple(6, "panic"),
            org.assertj.core.groups.Tuple.tuple(7, "whoami"));
    assertThat(published.removedIds()).containsExactly(5);
    assertThat(published.configurable()).isTrue();
    var proto = published.toProto();
    assertThat(proto.getMethods(1).getArgumentType()).isEqualTo("polyhost.HashProto");
    assertThat(proto.getMethods(0).getArgumentType()).isEmpty();
    assertThat(proto.getArgumentTypes().getFileList())
        .extracting(f -> f.getName())
        .containsExactly("polyhost/crypto.proto");
  }

  @Test
  void callsRunWithTheArtifactsContextLoaderAndRestoreTheCallers() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    LoaderSpy spy = new LoaderSpy();
    node.runtime.execute(FakeContext.of(node.fork, spec).spiedBy(spy), 4, "hi".getBytes(UTF_8));
    assertThat(node.text(spec, "echo")).contains("hi");
    assertThat(spy.last()).containsInstanceOf(ArtifactClassLoader.class);
    assertThat(spy.last().orElseThrow().getName()).isEqualTo("artifact " + WALLET);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void builtinsLoadFromTheHostClassPath() {
    ArtifactId builtin =
        new ArtifactId(1, "builtin.counter", io.polyhost.api.runtime.Version.of(1, 0, 0));
    node.runtime.registerBuiltin(builtin, new Counter.Factory());
    ExecutionException nonEmpty = node.deployFailure(builtin, new byte[] {1});
    assertThat(nonEmpty.error().is(JavaRuntimeError.MALFORMED_DEPLOY_SPEC)).isTrue();
    node.deploy(builtin, new byte[0]);
    InstanceSpec counter = node.start(0, "counter", builtin, "");
    node.runtime.execute(FakeContext.of(node.fork, counter), 0, new byte[0]);
    node.runtime.execute(FakeContext.of(node.fork, counter), 0, new byte[0]);
    assertThat(node.number(counter, "count")).contains(2L);
    assertThat(node.runtime.serviceInterface(builtin).orElseThrow().methods()).hasSize(1);
  }

  @Test
  void anArtifactInUseCannotBeUnloadedAndAnUndeployedOneHasNoServices() {
    assertThatThrownBy(() -> node.runtime.unloadArtifact(WALLET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[wallet]");
    ArtifactId absent = wallet("9.0.0");
    ExecutionError error =
        errorOf(() ->
            node.runtime.initiateAddingService(
                FakeContext.of(node.fork, new InstanceSpec(9, "x", absent)), absent, new byte[0]));
    assertThat(error.is(CoreError.ARTIFACT_NOT_DEPLOYED)).isTrue();
  }
}
