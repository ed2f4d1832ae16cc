package io.polyhost.runtime.java;

/**
 * One place where an artifact's bytecode breaks the {@link BytecodePolicy}.
 *
 * @param className the binary name of the class
 * @param method the method's name and descriptor, or {@code -} for the class itself
 * @param line the source line, or {@code -1} if the class has no line numbers there
 * @param reference what is referenced, e.g. {@code java/lang/Thread.start()V}
 * @param rule which rule it breaks, for people
 */
record PolicyViolation(String className, String method, int line, String reference, String rule) {
  @Override
  public String toString() {
    return className
        + "."
        + method
        + (line < 0 ? "" : " line " + line)
        + ": "
        + reference
        + " ("
        + rule
        + ")";
  }
}
