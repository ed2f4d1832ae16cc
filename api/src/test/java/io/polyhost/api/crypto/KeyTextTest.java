package io.polyhost.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.proto.PublicKeyProto;
import io.polyhost.api.proto.SignatureProto;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text and protobuf forms of keys, signatures and hashes. */
class KeyTextTest {
  private static final String KEY_HEX =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  @Test
  void publicKeyRoundTripsThroughHexBase64AndProto() {
    PublicKey key = PublicKey.fromHex(KEY_HEX);
    assertThat(key.toHex()).isEqualTo(KEY_HEX);
    assertThat(key).hasToString(KEY_HEX);
    assertThat(key.toBase64()).isEqualTo("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    assertThat(PublicKey.fromBase64(key.toBase64())).isEqualTo(key);
    assertThat(PublicKey.fromProto(key.toProto())).isEqualTo(key);
    assertThat(PublicKey.fromHex(KEY_HEX.toUpperCase())).isEqualTo(key);
  }

  @Test
  void randomValuesRoundTrip() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      byte[] b32 = new byte[32];
      byte[] b64 = new byte[64];
      random.nextBytes(b32);
      random.nextBytes(b64);
      Hash hash = Hash.of(b32);
      Signature signature = Signature.of(b64);
      assertThat(Hash.fromBase64(hash.toBase64())).as("seed=%d", seed).isEqualTo(hash);
      assertThat(Hash.fromProto(hash.toProto())).as("seed=%d", seed).isEqualTo(hash);
      assertThat(Signature.fromHex(signature.toHex())).as("seed=%d", seed).isEqualTo(signature);
      assertThat(Signature.fromBase64(signature.toBase64()))
          .as("seed=%d", seed)
          .isEqualTo(signature);
      assertThat(Signature.fromProto(signature.toProto())).as("seed=%d", seed).isEqualTo(signature);
      assertThat(signature.toBase64()).hasSize(88);
      assertThat(hash.toBase64()).hasSize(44);
    }
  }

  @Test
  void valuesAreCopiedInAndOut() {
    byte[] bytes = HexFormat.of().parseHex(KEY_HEX);
    PublicKey key = PublicKey.of(bytes);
    bytes[0] = 0;
    key.toBytes()[1] = 0;
    assertThat(key.toHex()).isEqualTo(KEY_HEX);
  }

  @Test
  void badHexSaysWhatIsWrong() {
    assertThatThrownBy(() -> PublicKey.fromHex("abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A public key in hex is 64 characters, got 4 characters");
    assertThatThrownBy(() -> PublicKey.fromHex("g" + KEY_HEX.substring(1)))
        .hasMessage("Not a hex public key: character 'g' at position 0 is not a hex digit");
    assertThatThrownBy(() -> Signature.fromHex(KEY_HEX))
        .hasMessage("A signature in hex is 128 characters, got 64 characters");
  }

  @Test
  void badBase64SaysWhatIsWrong() {
    assertThatThrownBy(() -> PublicKey.fromBase64("AAAA"))
        .hasMessage("A public key is 32 bytes long, but the base64 text decodes to 3 bytes");
    assertThatThrownBy(() -> Hash.fromBase64("not*base64"))
        .hasMessageStartingWith("Not a base64 hash: ")
        .hasMessageEndingWith("in 'not*base64'");
  }

  @Test
  void wrongLengthsAreRejected() {
    assertThatThrownBy(() -> PublicKey.of(new byte[31]))
        .hasMessage("A public key is 32 bytes long, got 31 bytes");
    assertThatThrownBy(() -> Signature.of(new byte[32]))
        .hasMessage("A signature is 64 bytes long, got 32 bytes");
    assertThatThrownBy(() -> SecretKey.of(new byte[33]))
        .hasMessage("A secret key is 32 bytes long, got 33 bytes");
    assertThatThrownBy(() -> Hash.fromProto(HashProto.getDefaultInstance()))
        .hasMessage("A hash is 32 bytes long, got 0 bytes");
    assertThatThrownBy(() ->
            PublicKey.fromProto(
                PublicKeyProto.newBuilder().setData(ByteString.copyFrom(new byte[3])).build()))
        .hasMessage("A public key is 32 bytes long, got 3 bytes");
    assertThatThrownBy(() -> Signature.fromProto(SignatureProto.getDefaultInstance()))
        .hasMessage("A signature is 64 bytes long, got 0 bytes");
  }

  @Test
  void secretKeysNeverShowTheirBytes() {
    String seedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    SecretKey secret = SecretKey.fromHex(seedHex);
    KeyPair keys = KeyPair.fromSecretKey(secret);
    assertThat(secret.toString()).doesNotContain(seedHex.substring(0, 8)).contains("redacted");
    assertThat(keys.toString()).doesNotContain(seedHex.substring(0, 8)).contains(KEY_HEX);
    assertThat(secret.toHex()).isEqualTo(seedHex);
    String almost = seedHex.substring(0, 63) + "z";
    assertThatThrownBy(() -> SecretKey.fromHex(almost))
        .hasMessage("A secret key in hex is 64 hex digits; the given text is not")
        .message()
        .doesNotContain(seedHex.substring(0, 8));
  }
}
