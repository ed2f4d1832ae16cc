package io.polyhost.host.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");

  @TempDir Path dir;

  @Test
  void transactionsChangeStateAndSurviveRestart() {
    try (var chain =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), new byte[0])
            .start(() ->
                Map.<Integer, Runtime>of(
                    1,
                    TestChain.withSupervisor(new TestRuntime(1, true))
                        .offer(COUNTER, Counter::new)))) {
      var ok = chain.tx(1, 1, new byte[0]);
      var failed = chain.tx(1, 2, new byte[0]);
      var missing = chain.tx(9, 1, new byte[0]);
      chain.block(ok, failed, missing);
      assertThat(chain.error(ok)).isEmpty();
      assertThat(chain.error(failed))
          .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVICE));
      assertThat(chain.error(missing))
          .hasValueSatisfying(e -> assertThat(e.is(CoreError.INCORRECT_INSTANCE_ID)).isTrue());
      assertThat(Counter.countOf(chain, "counter")).isEqualTo(1);
      chain.restart();
      chain.block(chain.tx(1, 1, new byte[0]));
      assertThat(Counter.countOf(chain, "counter")).isEqualTo(2);
      assertThat(chain.chain().height()).isEqualTo(2);
    }
  }
}
