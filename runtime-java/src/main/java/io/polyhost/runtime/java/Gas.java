package io.polyhost.runtime.java;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;

/**
 * What instrumented artifact code calls to charge gas; not for anyone else. The instrumentation
 * ({@code Instrumenter}) inserts these calls when an artifact is deployed, and the artifact's class
 * loader resolves this one host class for it. Artifact source cannot call it: the bytecode policy
 * refuses every reference to {@code io.polyhost.runtime}.
 *
 * <p>Public only because artifact classes live in other runtime packages. Every method charges the
 * {@link Meter} of the call running on this thread, and throws an {@link Error} when the call must
 * stop.
 */
public final class Gas {
  /** Bytes per unit of gas for memory. */
  private static final int BYTES_PER_GAS = 8;

  private Gas() {}

  private static Meter meter() {
    Meter meter = Meter.current();
    if (meter == null) {
      throw new IllegalStateException(
          "Artifact code ran outside a metered call; this is a bug in the Java runtime");
    }
    return meter;
  }

  /** A method starts with a frame of {@code frameSlots}; returns the stack level inside it. */
  public static int enter(int frameSlots) {
    return meter().enter(frameSlots);
  }

  /** A method returns, giving back its frame. */
  public static void exit(int frameSlots) {
    meter().exit(frameSlots);
  }

  /** A backward branch, or a call bridged to the JDK. */
  public static void tick() {
    meter().charge(1);
  }

  /** An exception handler starts in a frame whose stack level is {@code level}. */
  public static void caught(Throwable caught, int level) {
    meter().caught(caught, level);
  }

  /** Before an array of {@code length} elements of {@code elementBytes} each is allocated. */
  public static void newArray(int length, int elementBytes) {
    meter().charge(1 + Math.max(length, 0) * (long) elementBytes / BYTES_PER_GAS);
  }

  /** One dimension of a multi-dimensional array: the running product of the element counts. */
  public static long dimension(long elements, int length) {
    long product = elements * Math.max(length, 0);
    return product < 0 || product > Integer.MAX_VALUE * 8L ? Long.MAX_VALUE / 2 : product;
  }

  /** Before a multi-dimensional array of {@code elements} elements in all is allocated. */
  public static void newArrays(long elements) {
    meter().charge(1 + elements);
  }

  /** Before a JDK call makes room for {@code count} elements of {@code elementBytes} each. */
  public static void reserve(int count, int elementBytes) {
    newArray(count, elementBytes);
  }

  /** A string made by a JDK call or by concatenation, charged by its length. */
  public static void made(@Nullable String made) {
    if (made != null) {
      meter().charge(1 + made.length() / (BYTES_PER_GAS / 2));
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(byte @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 1);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(char @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 2);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(short @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 2);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(boolean @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 1);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(int @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 4);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(long @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 8);
    }
  }

  /** An array returned by a JDK call, charged by its size. */
  public static void made(@Nullable Object @Nullable [] made) {
    if (made != null) {
      newArray(made.length, 8);
    }
  }

  /** {@link IntStream#range}, charged one per element before any is made. */
  public static IntStream range(int from, int to) {
    meter().charge(1 + Math.max(0L, (long) to - from));
    return IntStream.range(from, to);
  }

  /** {@link IntStream#rangeClosed}, charged one per element. */
  public static IntStream rangeClosed(int from, int to) {
    meter().charge(1 + Math.max(0L, (long) to - from + 1));
    return IntStream.rangeClosed(from, to);
  }

  /** {@link LongStream#range}, charged one per element. */
  public static LongStream range(long from, long to) {
    meter().charge(1 + span(from, to));
    return LongStream.range(from, to);
  }

  /** {@link LongStream#rangeClosed}, charged one per element. */
  public static LongStream rangeClosed(long from, long to) {
    meter().charge(2 + span(from, to));
    return LongStream.rangeClosed(from, to);
  }

  private static long span(long from, long to) {
    long span = to - from;
    return to <= from ? 0 : span < 0 ? Long.MAX_VALUE / 2 : span;
  }

  /** {@link System#arraycopy}, charged one per element copied. */
  public static void arraycopy(Object from, int fromIndex, Object to, int toIndex, int length) {
    meter().charge(1 + Math.max(length, 0));
    System.arraycopy(from, fromIndex, to, toIndex, length);
  }

  /** Before an array's {@code clone()}: charged like allocating an array of its length. */
  public static void copying(@Nullable Object array) {
    if (array != null && array.getClass().isArray()) {
      newArray(java.lang.reflect.Array.getLength(array), 8);
    }
  }

  /** {@link Collections#nCopies}, charged one per copy. */
  public static <T> List<T> nCopies(int count, T element) {
    meter().charge(1 + Math.max(count, 0));
    return Collections.nCopies(count, element);
  }

  /** {@link String#repeat}, charged by the result's length before it is made. */
  public static String repeat(String text, int count) {
    meter().charge(1 + (long) text.length() * Math.max(count, 0) / (BYTES_PER_GAS / 2));
    return text.repeat(count);
  }

  /** {@link StringBuilder#append(CharSequence)}, charged by what it appends. */
  public static StringBuilder append(StringBuilder builder, @Nullable CharSequence text) {
    meter().charge(1 + (text == null ? 0 : text.length() / (BYTES_PER_GAS / 2)));
    return builder.append(text);
  }

  /** {@link StringBuilder#append(String)}, charged by what it appends. */
  public static StringBuilder append(StringBuilder builder, @Nullable String text) {
    meter().charge(1 + (text == null ? 0 : text.length() / (BYTES_PER_GAS / 2)));
    return builder.append(text);
  }

  /** {@link StringBuilder#append(Object)}, charged by what it appends. */
  public static StringBuilder append(StringBuilder builder, @Nullable Object value) {
    String text = String.valueOf(value);
    return append(builder, text);
  }

  /** {@link Collection#addAll}, charged one per element added. */
  public static boolean addAll(Collection<Object> target, Collection<?> source) {
    meter().charge(1 + source.size());
    return target.addAll(source);
  }

  /** {@link Map#putAll}, charged one per entry. */
  public static void putAll(Map<Object, Object> target, Map<?, ?> source) {
    meter().charge(1 + source.size());
    target.putAll(source);
  }

  /** {@link BigInteger#pow}, charged by the bits of the result. */
  public static BigInteger pow(BigInteger base, int exponent) {
    meter().charge(1 + (long) base.bitLength() * Math.max(exponent, 0) / 64);
    return base.pow(exponent);
  }

  /** {@link BigInteger#shiftLeft}, charged by the bits of the result. */
  public static BigInteger shiftLeft(BigInteger value, int bits) {
    meter().charge(1 + (value.bitLength() + (long) Math.max(bits, 0)) / 64);
    return value.shiftLeft(bits);
  }

  /** {@link BigDecimal#pow(int)}, charged by the digits of the result. */
  public static BigDecimal pow(BigDecimal base, int exponent) {
    meter().charge(1 + (long) base.precision() * Math.max(exponent, 0) / 16);
    return base.pow(exponent);
  }
}
