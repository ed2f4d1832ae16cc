package io.polyhost.runtime.java;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks an artifact's classes against the {@link PolicyRules} allow-list, instruction by
 * instruction, and reports every violation with its class, method, line and reference.
 *
 * <p>It walks instructions, not the constant pool: javac puts entries such as {@code
 * MethodHandles$Lookup} into the pool of any class that concatenates strings, which the code never
 * uses directly. Besides the allow-list it enforces rules for determinism: no floating point, no
 * {@code synchronized} methods or monitors, no finalizers, no native methods, invokedynamic only
 * for lambdas, string concatenation, records and switches, and no state that outlives a call
 * ({@link SharedState}).
 */
final class BytecodePolicy {
  private BytecodePolicy() {}

  /** The violations in {@code classes}, in class-name order; empty if the code is acceptable. */
  static List<PolicyViolation> check(ArtifactClasses classes) {
    // Classes are checked in parallel (a deploy waits for this), and reported in name order.
    List<PolicyViolation> violations =
        new ArrayList<>(
            classes.models().values().parallelStream()
                .flatMap(model -> {
                  List<PolicyViolation> found = new ArrayList<>();
                  new ClassCheck(model, classes, found).run();
                  return found.stream();
                })
                .toList());
    SharedState.check(classes, violations);
    violations.sort(Comparator.comparing(PolicyViolation::className)); // stable: keeps line order
    // One instruction can break a rule in several ways that say the same (a float load, add and
    // store on one line); each place is reported once.
    return List.copyOf(new LinkedHashSet<>(violations));
  }

  /** {@code violations} one per line, for a deploy refusal. */
  static String describe(List<PolicyViolation> violations) {
    return violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("\n"));
  }
}
