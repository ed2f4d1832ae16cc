package io.polyhost.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildNodeTest {
  @Test
  void theNodeRunsWithTheLaunchersOptionsWithoutComments() throws Exception {
    List<String> options = ChildNode.nodeJavaOptions();
    assertThat(options)
        .contains("--enable-native-access=ALL-UNNAMED", "-Duser.timezone=UTC")
        .allSatisfy(option -> assertThat(option).startsWith("-").doesNotContain(" "));
  }
}
