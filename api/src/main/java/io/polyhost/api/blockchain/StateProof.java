package io.polyhost.api.blockchain;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedListProof;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.proto.StateProofProto;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Entries of one service index proven all the way to a certified block: the block with its
 * validators' precommits, the index's hash within the block's state hash, and a map or list proof
 * of the entries within the index. A service's read endpoint makes one with {@link
 * io.polyhost.api.service.ReadContext#prove}; a light client that trusts the validators' consensus
 * keys verifies it with {@link #verifyMap} or {@link #verifyList} and needs nothing else.
 *
 * <p>By convention a read endpoint that proves its answer puts the hex of {@link #toProto()} in a
 * top-level {@code "proof"} field of its JSON, where clients (the CLI's {@code read}) look for it.
 *
 * @param blockProof the certified block whose state the entries come from
 * @param indexProof the index's object hash within that block's state hash, or its absence
 * @param entries the proof of the entries within the index
 */
public record StateProof(BlockProof blockProof, IndexProof indexProof, Entries entries) {
  /** The proof of entries within the index: of a proof map or of a proof list. */
  public sealed interface Entries permits MapEntries, ListEntries {}

  /**
   * Entries of a proof map.
   *
   * @param proof the map proof, against the map's object hash
   */
  public record MapEntries(MapProof proof) implements Entries {
    /** Checks the part. */
    public MapEntries {
      Objects.requireNonNull(proof, "proof");
    }
  }

  /**
   * Elements of a proof list.
   *
   * @param proof the list proof, against the list's object hash
   */
  public record ListEntries(ListProof proof) implements Entries {
    /** Checks the part. */
    public ListEntries {
      Objects.requireNonNull(proof, "proof");
    }
  }

  /** Checks that every part is there; {@link #verifyMap}/{@link #verifyList} check they fit. */
  public StateProof {
    Objects.requireNonNull(blockProof, "blockProof");
    Objects.requireNonNull(indexProof, "indexProof");
    Objects.requireNonNull(entries, "entries");
  }

  /** The full name of the proven index, e.g. {@code wallet.balances}. */
  public String indexName() {
    return indexProof.indexName();
  }

  /**
   * Verifies the whole chain for a map: the block against the validators, the index hash against
   * the block's state hash, the entries against the index hash. An index absent from the state is
   * an empty map, so the entries must then all be proven missing.
   *
   * @param validatorKeys the validators' consensus keys, in validator index order
   * @return the proven entries (values present or proven missing)
   * @throws ProofVerificationException if any link does not hold, or this proves list elements
   */
  public VerifiedMapProof verifyMap(List<PublicKey> validatorKeys) {
    if (!(entries instanceof MapEntries(MapProof proof))) {
      throw new ProofVerificationException(
          "The proof is of list elements of '" + indexName() + "', not of map entries");
    }
    Hash indexHash = indexHash(validatorKeys, Hashing.map(Hash.zero()));
    try {
      return proof.verify(indexHash);
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "The entries do not match index '" + indexName() + "': " + e.getMessage());
    }
  }

  /**
   * Verifies the whole chain for a list, like {@link #verifyMap}; an absent index is an empty list.
   *
   * @param validatorKeys the validators' consensus keys, in validator index order
   * @return the proven list length and elements
   * @throws ProofVerificationException if any link does not hold, or this proves map entries
   */
  public VerifiedListProof verifyList(List<PublicKey> validatorKeys) {
    if (!(entries instanceof ListEntries(ListProof proof))) {
      throw new ProofVerificationException(
          "The proof is of map entries of '" + indexName() + "', not of list elements");
    }
    Hash indexHash = indexHash(validatorKeys, Hashing.list(0, Hash.zero()));
    try {
      return proof.verify(indexHash);
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "The elements do not match index '" + indexName() + "': " + e.getMessage());
    }
  }

  private Hash indexHash(List<PublicKey> validatorKeys, Hash emptyIndexHash) {
    Block block = blockProof.verify(validatorKeys);
    try {
      return indexProof.verify(block.stateHash()).orElse(emptyIndexHash);
    } catch (ProofVerificationException e) {
      throw new ProofVerificationException(
          "Index '"
              + indexName()
              + "' does not match the state hash of block "
              + block.height()
              + ": "
              + e.getMessage());
    }
  }

  /** The protobuf form. */
  public StateProofProto toProto() {
    StateProofProto.Builder proto =
        StateProofProto.newBuilder()
            .setBlock(blockProof.block().toProto())
            .setCertificate(blockProof.certificate().toProto())
            .setIndex(indexProof.toProto());
    switch (entries) {
      case MapEntries(MapProof proof) ->
          proto.setMapProof(proof.toProto()).setRawKeys(proof.keyMode() == MapKeyMode.RAW);
      case ListEntries(ListProof proof) -> proto.setListProof(proof.toProto());
    }
    return proto.build();
  }

  /** The hex of the protobuf encoding: the {@code "proof"} field of a read endpoint's answer. */
  public String toHex() {
    return HexFormat.of().formatHex(toProto().toByteArray());
  }

  /**
   * Reads the protobuf form. The result still needs verifying.
   *
   * @throws IllegalArgumentException if a part is missing or malformed
   */
  public static StateProof fromProto(StateProofProto proto) {
    if (!proto.hasBlock() || !proto.hasCertificate() || !proto.hasIndex()) {
      throw new IllegalArgumentException(
          "A state proof needs the block, its certificate and the index proof");
    }
    Entries entries =
        switch (proto.getEntriesCase()) {
          case MAP_PROOF ->
              new MapEntries(
                  MapProof.fromProto(
                      proto.getMapProof(),
                      proto.getRawKeys() ? MapKeyMode.RAW : MapKeyMode.HASHED));
          case LIST_PROOF -> new ListEntries(ListProof.fromProto(proto.getListProof()));
          case ENTRIES_NOT_SET ->
              throw new IllegalArgumentException(
                  "A state proof needs a map_proof or a list_proof of the entries");
        };
    return new StateProof(
        new BlockProof(
            Block.fromProto(proto.getBlock()), BlockCertificate.fromProto(proto.getCertificate())),
        IndexProof.fromProto(proto.getIndex()),
        entries);
  }

  /**
   * Reads the hex form of a read endpoint's {@code "proof"} field. The result still needs
   * verifying.
   *
   * @throws IllegalArgumentException if the text is not hex of a well-formed state proof in its
   *     canonical encoding
   */
  public static StateProof fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("A state proof is hex text: " + e.getMessage(), e);
    }
    StateProof proof;
    try {
      proof = fromProto(StateProofProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Not a state proof (StateProofProto): " + e.getMessage(), e);
    }
    // One proof, one encoding: bytes that decode to the same proof in another way (unknown fields,
    // another field order) were not written by a node, so they are refused, not passed.
    if (!java.util.Arrays.equals(bytes, proof.toProto().toByteArray())) {
      throw new IllegalArgumentException("The state proof is not in its canonical encoding");
    }
    return proof;
  }
}
