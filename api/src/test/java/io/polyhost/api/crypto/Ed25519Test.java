package io.polyhost.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 §7.1, TEST 1 to TEST 3: secret key, public key, message, signature. */
  record Vector(String name, String secret, String publicKey, String message, String signature) {
    KeyPair keys() {
      return KeyPair.fromSeed(HEX.parseHex(secret));
    }

    byte[] messageBytes() {
      return HEX.parseHex(message);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Vector[] rfc8032() {
    return new Vector[] {
      new Vector(
          "TEST 1",
          "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
          "",
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
              + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
      new Vector(
          "TEST 2",
          "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
          "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
          "72",
          "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
              + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
      new Vector(
          "TEST 3",
          "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
          "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
          "af82",
          "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
              + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void derivesThePublicKeyOfTheVector(Vector v) {
    assertThat(v.keys().publicKey()).isEqualTo(PublicKey.fromHex(v.publicKey()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void signsLikeTheVector(Vector v) {
    assertThat(Ed25519.sign(v.keys(), v.messageBytes()).toHex()).isEqualTo(v.signature());
    assertThat(Ed25519.sign(v.keys().secretKey(), v.messageBytes()).toHex())
        .isEqualTo(v.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void acceptsTheVectorSignature(Vector v) {
    assertThat(
            Ed25519.verify(
                PublicKey.fromHex(v.publicKey()),
                v.messageBytes(),
                Signature.fromHex(v.signature())))
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void rejectsEveryFlippedBitOfSignatureKeyAndMessage(Vector v) {
    PublicKey key = PublicKey.fromHex(v.publicKey());
    byte[] message = v.messageBytes();
    byte[] signature = HEX.parseHex(v.signature());
    for (int bit = 0; bit < signature.length * 8; bit++) {
      assertThat(Ed25519.verify(key, message, Signature.of(flip(signature, bit))))
          .as("signature bit %d", bit)
          .isFalse();
    }
    for (int bit = 0; bit < PublicKey.SIZE * 8; bit++) {
      assertThat(
              Ed25519.verify(
                  PublicKey.of(flip(key.toBytes(), bit)), message, Signature.of(signature)))
          .as("public key bit %d", bit)
          .isFalse();
    }
    for (int bit = 0; bit < message.length * 8; bit++) {
      assertThat(Ed25519.verify(key, flip(message, bit), Signature.of(signature)))
          .as("message bit %d", bit)
          .isFalse();
    }
  }

  @Test
  void rejectsAnExtraOrMissingMessageByte() {
    Vector v = rfc8032()[2];
    PublicKey key = PublicKey.fromHex(v.publicKey());
    Signature signature = Signature.fromHex(v.signature());
    assertThat(Ed25519.verify(key, HEX.parseHex("af8200"), signature)).isFalse();
    assertThat(Ed25519.verify(key, HEX.parseHex("af"), signature)).isFalse();
  }

  @Test
  void garbageKeysAndSignaturesGiveFalseInsteadOfThrowing() {
    Vector v = rfc8032()[0];
    byte[] message = v.messageBytes();
    Signature good = Signature.fromHex(v.signature());
    byte[] nonCanonicalS = good.toBytes();
    for (int i = 32; i < 64; i++) {
      nonCanonicalS[i] = (byte) 0xff; // s >= group order
    }
    byte[] notAPoint = HEX.parseHex("02" + "00".repeat(31));
    byte[] allOnes = new byte[32];
    java.util.Arrays.fill(allOnes, (byte) 0xff);

    PublicKey key = PublicKey.fromHex(v.publicKey());
    assertThat(Ed25519.verify(key, message, Signature.of(new byte[64]))).isFalse();
    assertThat(Ed25519.verify(key, message, Signature.of(nonCanonicalS))).isFalse();
    assertThat(Ed25519.verify(PublicKey.of(new byte[32]), message, good)).isFalse();
    assertThat(Ed25519.verify(PublicKey.of(notAPoint), message, good)).isFalse();
    assertThat(Ed25519.verify(PublicKey.of(allOnes), message, good)).isFalse();
  }

  @Test
  void agreesWithTheJdkOnRandomKeysAndMessages() throws Exception {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    KeyFactory jdkKeys = KeyFactory.getInstance("Ed25519");
    for (int i = 0; i < 40; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      byte[] message = new byte[random.nextInt(300)];
      random.nextBytes(message);

      KeyPair keys = KeyPair.fromSeed(secret);
      Signature ours = Ed25519.sign(keys, message);
      java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
      jdk.initSign(
          jdkKeys.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, secret)));
      jdk.update(message);

      assertThat(ours.toBytes()).as("seed=%d, case %d", seed, i).isEqualTo(jdk.sign());
      assertThat(Ed25519.verify(keys.publicKey(), message, ours))
          .as("seed=%d, case %d", seed, i)
          .isTrue();
      if (message.length > 0) {
        int bit = random.nextInt(message.length * 8);
        assertThat(Ed25519.verify(keys.publicKey(), flip(message, bit), ours))
            .as("seed=%d, case %d, flipped message bit %d", seed, i, bit)
            .isFalse();
      }
      PublicKey other = KeyPair.fromSeed(flip(secret, random.nextInt(256))).publicKey();
      assertThat(Ed25519.verify(other, message, ours))
          .as("seed=%d, case %d, other key", seed, i)
          .isFalse();
    }
  }

  @Test
  void generatedPairsSignAndVerify() {
    KeyPair keys = KeyPair.generate();
    byte[] message = "transfer 10 tokens".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Ed25519.verify(keys.publicKey(), message, Ed25519.sign(keys, message))).isTrue();
    assertThat(KeyPair.generate().publicKey()).isNotEqualTo(keys.publicKey());
  }

  @Test
  void theSameSeedGivesTheSameKeys() {
    byte[] seed = HEX.parseHex(rfc8032()[1].secret());
    assertThat(KeyPair.fromSeed(seed).publicKey()).isEqualTo(KeyPair.fromSeed(seed).publicKey());
    assertThat(KeyPair.fromSecretKey(SecretKey.of(seed)).publicKey())
        .isEqualTo(KeyPair.fromSeed(seed).publicKey());
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
