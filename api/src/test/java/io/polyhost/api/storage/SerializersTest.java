package io.polyhost.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.HashProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Round trips, byte order equal to numeric order for integers, and rejection of bad encodings. */
class SerializersTest {
  private static long seed(String test) {
    String fixed = System.getProperty("polyhost.seed");
    long seed = fixed == null ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    System.out.println("SerializersTest." + test + " seed=" + seed);
    return seed;
  }

  private static List<Long> longs(Random random) {
    List<Long> values =
        new ArrayList<>(
            List.of(
                Long.MIN_VALUE,
                Long.MIN_VALUE + 1,
                -256L,
                -1L,
                0L,
                1L,
                255L,
                256L,
                Long.MAX_VALUE));
    for (int i = 0; i < 2000; i++) {
      values.add(i % 2 == 0 ? random.nextLong() : random.nextInt(1001) - 500);
    }
    return values;
  }

  @Test
  void int64RoundTripsAndKeepsNumericOrder() {
    long seed = seed("int64");
    List<Long> values = longs(new Random(seed));
    Serializer<Long> s = Serializers.int64();
    for (int i = 0; i < values.size(); i++) {
      long a = values.get(i);
      long b = values.get((i * 7 + 3) % values.size());
      assertThat(s.encode(a)).as("seed=%d %d", seed, a).hasSize(8);
      assertThat(s.decode(s.encode(a))).as("seed=%d", seed).isEqualTo(a);
      assertThat(Integer.signum(Arrays.compareUnsigned(s.encode(a), s.encode(b))))
          .as("seed=%d order of %d and %d", seed, a, b)
          .isEqualTo(Integer.signum(Long.compare(a, b)));
    }
  }

  @Test
  void int32RoundTripsAndKeepsNumericOrder() {
    long seed = seed("int32");
    Random random = new Random(seed);
    Serializer<Integer> s = Serializers.int32();
    List<Integer> values =
        new ArrayList<>(List.of(Integer.MIN_VALUE, -65536, -1, 0, 1, 65535, Integer.MAX_VALUE));
    for (int i = 0; i < 2000; i++) {
      values.add(i % 2 == 0 ? random.nextInt() : random.nextInt(1001) - 500);
    }
    for (int i = 0; i < values.size(); i++) {
      int a = values.get(i);
      int b = values.get((i * 7 + 3) % values.size());
      assertThat(s.decode(s.encode(a))).as("seed=%d", seed).isEqualTo(a);
      assertThat(Integer.signum(Arrays.compareUnsigned(s.encode(a), s.encode(b))))
          .as("seed=%d order of %d and %d", seed, a, b)
          .isEqualTo(Integer.signum(Integer.compare(a, b)));
    }
  }

  @Test
  void negativeNumbersSortBeforePositiveOnes() {
    assertThat(
            Arrays.compareUnsigned(Serializers.int64().encode(-1L), Serializers.int64().encode(0L)))
        .isNegative();
    assertThat(
            Arrays.compareUnsigned(Serializers.int32().encode(-1), Serializers.int32().encode(1)))
        .isNegative();
    assertThat(Serializers.int32().encode(0)).containsExactly(0x80, 0, 0, 0);
  }

  @Test
  void fixedWidthDecodersRejectWrongLengths() {
    assertThatThrownBy(() -> Serializers.int64().decode(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8 bytes, got 3");
    assertThatThrownBy(() -> Serializers.int32().decode(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 bytes, got 5");
    assertThatThrownBy(() -> Serializers.hash().decode(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stringsRoundTripAndInvalidUtf8IsRejected() {
    Serializer<String> s = Serializers.string();
    for (String text : List.of("", "abc", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "\0x")) {
      assertThat(s.decode(s.encode(text))).isEqualTo(text);
    }
    byte[][] invalid = {
      {(byte) 0xc3, 0x28}, // truncated two-byte sequence
      {(byte) 0xff}, // never valid
      {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // an encoded surrogate
    };
    for (byte[] bytes : invalid) {
      assertThatThrownBy(() -> s.decode(bytes))
          .as(Arrays.toString(bytes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UTF-8");
    }
  }

  @Test
  void bytesAreCopiedBothWays() {
    byte[] original = {1, 2, 3};
    byte[] encoded = Serializers.bytes().encode(original);
    original[0] = 9;
    assertThat(encoded).containsExactly(1, 2, 3);
    byte[] decoded = Serializers.bytes().decode(encoded);
    encoded[1] = 9;
    assertThat(decoded).containsExactly(1, 2, 3);
  }

  @Test
  void hashesAndProtobufMessagesRoundTrip() {
    Hash hash = Hash.sha256(new byte[] {42});
    assertThat(Serializers.hash().decode(Serializers.hash().encode(hash))).isEqualTo(hash);

    Serializer<HashProto> proto = Serializers.protobuf(HashProto.parser());
    HashProto message =
        HashProto.newBuilder()
            .setData(com.google.protobuf.ByteString.copyFrom(hash.toBytes()))
            .build();
    assertThat(proto.decode(proto.encode(message))).isEqualTo(message);
    assertThatThrownBy(() -> proto.decode(new byte[] {(byte) 0xff}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("protobuf");
  }
}
