package io.polyhost.api.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.polyhost.api.crypto.Hash;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The standard serializers. Every one is stateless and thread-safe. */
public final class Serializers {
  private Serializers() {}

  private static final Serializer<byte[]> BYTES =
      new Serializer<>() {
        @Override
        public byte[] encode(byte[] value) {
          return value.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
          return bytes.clone();
        }
      };

  private static final Serializer<String> STRING =
      new Serializer<>() {
        @Override
        public byte[] encode(String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          try {
            return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
          } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Not valid UTF-8 (" + bytes.length + " bytes)", e);
          }
        }
      };

  private static final Serializer<Long> LONG =
      new Serializer<>() {
        @Override
        public byte[] encode(Long value) {
          // Big-endian with the sign bit flipped: byte order equals numeric order.
          long v = value ^ Long.MIN_VALUE;
          byte[] out = new byte[8];
          for (int i = 7; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
          }
          return out;
        }

        @Override
        public Long decode(byte[] bytes) {
          requireLength(bytes, 8, "a long");
          long v = 0;
          for (byte b : bytes) {
            v = (v << 8) | (b & 0xff);
          }
          return v ^ Long.MIN_VALUE;
        }
      };

  private static final Serializer<Integer> INT =
      new Serializer<>() {
        @Override
        public byte[] encode(Integer value) {
          int v = value ^ Integer.MIN_VALUE;
          return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }

        @Override
        public Integer decode(byte[] bytes) {
          requireLength(bytes, 4, "an int");
          int v =
              (bytes[0] & 0xff) << 24
                  | (bytes[1] & 0xff) << 16
                  | (bytes[2] & 0xff) << 8
                  | (bytes[3] & 0xff);
          return v ^ Integer.MIN_VALUE;
        }
      };

  private static final Serializer<Hash> HASH =
      new Serializer<>() {
        @Override
        public byte[] encode(Hash value) {
          return value.toBytes();
        }

        @Override
        public Hash decode(byte[] bytes) {
          requireLength(bytes, Hash.SIZE, "a hash");
          return Hash.of(bytes);
        }
      };

  /** Raw bytes, copied in both directions. */
  public static Serializer<byte[]> bytes() {
    return BYTES;
  }

  /** UTF-8 text; decoding rejects malformed UTF-8. */
  public static Serializer<String> string() {
    return STRING;
  }

  /** 8 bytes, big-endian with the sign bit flipped, so byte order equals numeric order. */
  public static Serializer<Long> int64() {
    return LONG;
  }

  /** 4 bytes, big-endian with the sign bit flipped, so byte order equals numeric order. */
  public static Serializer<Integer> int32() {
    return INT;
  }

  /** The 32 bytes of a hash. */
  public static Serializer<Hash> hash() {
    return HASH;
  }

  /**
   * Protobuf messages in their binary form.
   *
   * <p>Protobuf's encoding of a given message is deterministic within one protobuf-java version,
   * which every node shares (it is pinned by the build).
   */
  public static <M extends MessageLite> Serializer<M> protobuf(Parser<M> parser) {
    return new Serializer<>() {
      @Override
      public byte[] encode(M value) {
        return value.toByteArray();
      }

      @Override
      public M decode(byte[] bytes) {
        try {
          return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalArgumentException("Not a valid protobuf message: " + e.getMessage(), e);
        }
      }
    };
  }

  private static void requireLength(byte[] bytes, int expected, String what) {
    if (bytes.length != expected) {
      throw new IllegalArgumentException(
          "Encoding of " + what + " is " + expected + " bytes, got " + bytes.length);
    }
  }
}
