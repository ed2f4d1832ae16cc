package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What artifact code can and cannot see, and two versions of one artifact side by side. */
class IsolationTest {
  private static final ArtifactId V1 = wallet("1.0.0");
  private static final ArtifactId V2 = wallet("2.0.0");

  @TempDir Path dir;
  TestNode node;
  InstanceSpec first;
  InstanceSpec second;

  @BeforeEach
  void deployBoth() throws Exception {
    node = new TestNode(dir);
    node.deploy(V1, FixtureJar.of(V1, FACTORY, Fixtures.walletClasses("one")));
    node.deploy(V2, FixtureJar.of(V2, FACTORY, Fixtures.walletClasses("two")));
    first = node.start(1, "first", V1, "");
    second = node.start(2, "second", V2, "");
  }

  @AfterEach
  void close() {
    node.close();
  }

  /** The loader the runtime gave instance {@code spec} as context loader in its last call. */
  private ClassLoader loaderOf(InstanceSpec spec) {
    LoaderSpy spy = new LoaderSpy();
    node.runtime.execute(FakeContext.of(node.fork, spec).spiedBy(spy), 7, new byte[0]);
    return spy.last().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.polyhost.storage.Fork",
        "io.polyhost.storage.index.IndexViews",
        "io.polyhost.runtime.java.JavaRuntime",
        "io.polyhost.runtime.java.Counter",
        "org.rocksdb.RocksDB",
        "org.slf4j.LoggerFactory",
        "org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters",
        "org.junit.jupiter.api.Test"
      })
  void hostClassesAreHiddenFromTheArtifactsLoader(String className) {
    ClassLoader artifact = loaderOf(first);
    assertThatThrownBy(() -> Class.forName(className, false, artifact))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.polyhost.api.runtime.ExecutionContext",
        "io.polyhost.api.proto.HashProto",
        "com.google.protobuf.Message",
        "java.util.TreeMap"
      })
  void theApiProtobufAndTheJdkAreSharedWithTheHost(String className) throws Exception {
    ClassLoader artifact = loaderOf(first);
    assertThat(Class.forName(className, false, artifact))
        .isSameAs(Class.forName(className, false, IsolationTest.class.getClassLoader()));
  }

  @Test
  void twoVersionsWithClassesOfTheSameNameCoexist() throws Exception {
    assertThat(loaderOf(first).getName()).isEqualTo("artifact 1:fixture.wallet:1.0.0");
    assertThat(loaderOf(second).getName()).isEqualTo("artifact 1:fixture.wallet:2.0.0");
    assertThat(node.text(first, "marker")).contains("one");
    assertThat(node.text(second, "marker")).contains("two");
    assertThat(Class.forName("fixture.wallet.Marker", false, loaderOf(first)))
        .isNotSameAs(Class.forName("fixture.wallet.Marker", false, loaderOf(second)));
  }

  @Test
  void theGateRefusesHostClassesWithAReason() {
    ApiGate gate = new ApiGate(IsolationTest.class.getClassLoader());
    assertThatThrownBy(() -> gate.loadClass("io.polyhost.storage.Fork"))
        .isInstanceOf(ClassNotFoundException.class)
        .hasMessageContaining("not visible to artifacts");
    assertThat(gate.getResource("io/polyhost/storage/Fork.class")).isNull();
  }
}
