package io.polyhost.host.dispatcher;

import static io.polyhost.host.dispatcher.LifecycleFixtures.ACTIONS;
import static io.polyhost.host.dispatcher.LifecycleFixtures.COUNTER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.EXTRA;
import static io.polyhost.host.dispatcher.LifecycleFixtures.HOOKED;
import static io.polyhost.host.dispatcher.LifecycleFixtures.NONE;
import static io.polyhost.host.dispatcher.LifecycleFixtures.OTHER;
import static io.polyhost.host.dispatcher.LifecycleFixtures.assertOk;
import static io.polyhost.host.dispatcher.LifecycleFixtures.runtime;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every call the dispatcher makes to a runtime against the call order grammar of the {@link
 * io.polyhost.api.runtime.Runtime} contract, over genesis, blocks, commits and a restart.
 */
class CallOrderTest {
  // One letter per Runtime method, as TestRuntime logs them.
  private static final String CALL = "[eamr]";

  /**
   * A proposal as one runtime sees it. The grammar's {@code PROPOSAL} holds for the block as a
   * whole; a single runtime also sees CALLs made by services of other runtimes, which can come
   * before its own first hook or transaction (the supervisor in runtime 1 resuming a service of
   * runtime 2, say). Hence the leading {@code CALL*}.
   */
  private static final String PROPOSAL =
      CALL + "*(?:b" + CALL + "*)*(?:e" + CALL + "*)*(?:t" + CALL + "*)*";

  private static final String COMMIT = "[du]*[sm]*c";
  private static final String BLOCK = PROPOSAL + COMMIT;

  /**
   * The genesis block as the dispatcher runs it: every constructor (with its child calls) before
   * any status, then the builtins' after-transactions hooks (which the Runtime contract documents
   * for genesis in {@code afterTransactions}), then the commit. The grammar's {@code
   * (initiateAddingService updateServiceStatus)*} is stricter than this and than Exonum, which also
   * runs every constructor first.
   */
  private static final String GENESIS = "d*(?:a" + CALL + "*)*s*(?:t" + CALL + "*)*c";

  private static final String RESUME = "[dsm]*o";
  private static final Pattern LIFE =
      Pattern.compile("i(?:" + GENESIS + "|" + RESUME + ")(?:" + BLOCK + ")*x");

  @TempDir Path dir;

  @Test
  void everyRuntimeSeesTheDocumentedCallOrderAcrossGenesisBlocksAndRestart() {
    TestRuntime javaFirst;
    TestRuntime otherFirst;
    TestRuntime javaSecond;
    TestRuntime otherSecond;
    try (TestChain chain =
        LifecycleFixtures.start(
            dir,
            new InstanceSpec(1, "a", HOOKED),
            new InstanceSpec(2, "b", OTHER),
            new InstanceSpec(3, "act", ACTIONS))) {
      javaFirst = runtime(chain, 1);
      otherFirst = runtime(chain, 2);
      assertGenesis(javaFirst, List.of("supervisor", "a", "act"));
      assertGenesis(otherFirst, List.of("b"));

      var crossRuntime = chain.run(3, ctx -> ctx.call(ChildCall.of(InstanceQuery.id(2), 1, NONE)));
      chain.block(chain.tx(1, 1, NONE), chain.tx(2, 1, NONE), crossRuntime);
      assertOk(chain, crossRuntime);
      assertThat(otherFirst.events())
          .containsSubsequence("before b", "execute b 1", "execute b 1", "after b", "commit 1");

      int javaMark = javaFirst.events().size();
      int otherMark = otherFirst.events().size();
      chain.block(
          chain.supervise(ext -> ext.startArtifactRegistration(EXTRA, NONE)),
          chain.supervise(
              ext -> ext.initiateAddingService(new InstanceSpec(4, "x", COUNTER), NONE)),
          chain.supervise(ext -> ext.initiateStoppingService(2)));
      assertThat(since(javaFirst, javaMark))
          .containsSubsequence("execute supervisor 0", "add x")
          .containsSubsequence("after a", "deploy " + EXTRA, "status x active", "commit 2");
      assertThat(since(otherFirst, otherMark)).endsWith("after b", "status b stopped", "commit 2");

      javaMark = javaFirst.events().size();
      chain.block(
          chain.supervise(ext -> ext.unloadArtifact(EXTRA)),
          chain.supervise(ext -> ext.initiateFreezingService(1)));
      assertThat(since(javaFirst, javaMark))
          .containsSubsequence("after a", "unload " + EXTRA, "status a frozen", "commit 3");

      chain.restart();
      assertThat(javaFirst.events()).last().isEqualTo("close");
      javaSecond = runtime(chain, 1);
      otherSecond = runtime(chain, 2);
      assertRestart(javaSecond, List.of("supervisor", "a", "act", "x"));
      assertRestart(otherSecond, List.of("b"));

      chain.block(
          chain.supervise(ext -> ext.initiateResumingService(1, NONE)),
          chain.supervise(ext -> ext.initiateResumingService(2, NONE)));
      chain.block(chain.tx(1, 1, NONE), chain.tx(2, 1, NONE));
      assertThat(otherSecond.events()).contains("resuming b", "status b active", "execute b 1");
    }
    for (TestRuntime runtime : List.of(javaFirst, otherFirst, javaSecond, otherSecond)) {
      assertThat(tokens(runtime.events())).as("call order of %s", runtime.events()).matches(LIFE);
    }
  }

  private static void assertGenesis(TestRuntime runtime, List<String> builtins) {
    List<String> events = runtime.events();
    assertThat(events.getFirst()).isEqualTo("initialize");
    assertThat(events.getLast()).isEqualTo("commit 0");
    for (String name : builtins) {
      assertThat(events).containsSubsequence("add " + name, "status " + name + " active");
    }
    assertThat(tokens(events)).as("genesis of %s", events).matches("i" + GENESIS);
  }

  private static void assertRestart(TestRuntime runtime, List<String> instances) {
    List<String> events = runtime.events();
    assertThat(tokens(events)).as("restart of %s", events).matches("i" + RESUME);
    assertThat(events.stream().filter(e -> e.startsWith("status ")).map(e -> e.split(" ")[1]))
        .containsExactlyInAnyOrderElementsOf(instances);
    assertThat(events).filteredOn(e -> e.startsWith("add ")).isEmpty();
    assertThat(events).filteredOn("resume"::equals).hasSize(1);
  }

  private static List<String> since(TestRuntime runtime, int mark) {
    List<String> events = runtime.events();
    return events.subList(mark, events.size());
  }

  /** One letter per event, for matching against the grammar. */
  private static String tokens(List<String> events) {
    StringBuilder letters = new StringBuilder();
    for (String event : events) {
      letters.append(
          switch (event.split(" ")[0]) {
            case "initialize" -> 'i';
            case "resume" -> 'o';
            case "deploy" -> 'd';
            case "unload" -> 'u';
            case "add" -> 'a';
            case "resuming" -> 'r';
            case "status" -> 's';
            case "migrate" -> 'm';
            case "execute" -> 'e';
            case "before" -> 'b';
            case "after" -> 't';
            case "commit" -> 'c';
            case "close" -> 'x';
            default -> throw new AssertionError("Unknown event " + event);
          });
    }
    return letters.toString();
  }
}
