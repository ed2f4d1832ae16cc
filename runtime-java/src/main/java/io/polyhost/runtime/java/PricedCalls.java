package io.polyhost.runtime.java;

import java.util.Map;
import java.util.Optional;

/**
 * JDK calls whose work grows with an argument rather than with data the artifact has already paid
 * for: the metering charges them before they run. Every other JDK call runs at its own cost, which
 * is bounded by the size of its inputs, and metered code paid to make those (see the package
 * description for what that leaves open).
 *
 * <p>A priced call is either replaced by a {@link Gas} method that charges and then makes the call
 * (the receiver, if any, becomes its first parameter), or, when the size is the last argument, left
 * as it is with a charge for that many elements just before it.
 */
final class PricedCalls {
  /**
   * How a call is priced.
   *
   * @param replacement the name of the {@link Gas} method that replaces the call, or empty to
   *     charge {@code elementBytes} per element of the size on top of the stack
   * @param descriptor the replacement's descriptor
   * @param elementBytes bytes per element for a charge before the call
   */
  record Price(String replacement, String descriptor, int elementBytes) {
    boolean replaces() {
      return !replacement.isEmpty();
    }
  }

  private static final String SB = "Ljava/lang/StringBuilder;";

  /** Keyed by {@code owner.name descriptor}; {@code *} as owner matches any {@code java/util}. */
  private static final Map<String, Price> PRICES =
      Map.ofEntries(
          replace("java/util/stream/IntStream.range(II)Ljava/util/stream/IntStream;", "range"),
          replace(
              "java/util/stream/IntStream.rangeClosed(II)Ljava/util/stream/IntStream;",
              "rangeClosed"),
          replace("java/util/stream/LongStream.range(JJ)Ljava/util/stream/LongStream;", "range"),
          replace(
              "java/util/stream/LongStream.rangeClosed(JJ)Ljava/util/stream/LongStream;",
              "rangeClosed"),
          replace("java/util/Collections.nCopies(ILjava/lang/Object;)Ljava/util/List;", "nCopies"),
          replace(
              "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V", "arraycopy"),
          replace(
              "java/lang/String.repeat(I)Ljava/lang/String;",
              "repeat",
              "(Ljava/lang/String;I)Ljava/lang/String;"),
          replace(
              "java/lang/StringBuilder.append(Ljava/lang/String;)" + SB,
              "append",
              "(" + SB + "Ljava/lang/String;)" + SB),
          replace(
              "java/lang/StringBuilder.append(Ljava/lang/CharSequence;)" + SB,
              "append",
              "(" + SB + "Ljava/lang/CharSequence;)" + SB),
          replace(
              "java/lang/StringBuilder.append(Ljava/lang/Object;)" + SB,
              "append",
              "(" + SB + "Ljava/lang/Object;)" + SB),
          replace(
              "*.addAll(Ljava/util/Collection;)Z",
              "addAll",
              "(Ljava/util/Collection;Ljava/util/Collection;)Z"),
          replace("*.putAll(Ljava/util/Map;)V", "putAll", "(Ljava/util/Map;Ljava/util/Map;)V"),
          replace(
              "java/math/BigInteger.pow(I)Ljava/math/BigInteger;",
              "pow",
              "(Ljava/math/BigInteger;I)Ljava/math/BigInteger;"),
          replace(
              "java/math/BigInteger.shiftLeft(I)Ljava/math/BigInteger;",
              "shiftLeft",
              "(Ljava/math/BigInteger;I)Ljava/math/BigInteger;"),
          replace(
              "java/math/BigDecimal.pow(I)Ljava/math/BigDecimal;",
              "pow",
              "(Ljava/math/BigDecimal;I)Ljava/math/BigDecimal;"),
          reserve("java/util/ArrayList.<init>(I)V", 8),
          reserve("java/util/ArrayList.ensureCapacity(I)V", 8),
          reserve("java/util/ArrayDeque.<init>(I)V", 8),
          reserve("java/util/HashMap.<init>(I)V", 8),
          reserve("java/util/HashSet.<init>(I)V", 8),
          reserve("java/util/LinkedHashMap.<init>(I)V", 8),
          reserve("java/util/LinkedHashSet.<init>(I)V", 8),
          reserve("java/util/PriorityQueue.<init>(I)V", 8),
          reserve("java/util/BitSet.<init>(I)V", 1),
          reserve("java/lang/StringBuilder.<init>(I)V", 2),
          reserve("java/lang/StringBuilder.ensureCapacity(I)V", 2),
          reserve("java/nio/ByteBuffer.allocate(I)Ljava/nio/ByteBuffer;", 1),
          reserve("java/io/ByteArrayOutputStream.<init>(I)V", 1),
          reserve("java/util/Arrays.copyOf([BI)[B", 1),
          reserve("java/util/Arrays.copyOf([CI)[C", 2),
          reserve("java/util/Arrays.copyOf([II)[I", 4),
          reserve("java/util/Arrays.copyOf([JI)[J", 8),
          reserve("java/util/Arrays.copyOf([Ljava/lang/Object;I)[Ljava/lang/Object;", 8));

  private PricedCalls() {}

  private static Map.Entry<String, Price> replace(String call, String method) {
    // A static call keeps its descriptor.
    return replace(call, method, call.substring(call.indexOf('(')));
  }

  private static Map.Entry<String, Price> replace(String call, String method, String descriptor) {
    return Map.entry(call, new Price(method, descriptor, 0));
  }

  private static Map.Entry<String, Price> reserve(String call, int elementBytes) {
    return Map.entry(call, new Price("", "", elementBytes));
  }

  /** How the call of JDK method {@code owner.name descriptor} is priced, if it is. */
  static Optional<Price> of(String owner, String name, String descriptor) {
    String member = "." + name + descriptor;
    Price exact = PRICES.get(owner + member);
    if (exact != null) {
      return Optional.of(exact);
    }
    return owner.startsWith("java/util/")
        ? Optional.ofNullable(PRICES.get("*" + member))
        : Optional.empty();
  }
}
