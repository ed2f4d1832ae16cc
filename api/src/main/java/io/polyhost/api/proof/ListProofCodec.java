package io.polyhost.api.proof;

import com.google.protobuf.UnsafeByteOperations;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.ListProofEntryProto;
import io.polyhost.api.proto.ListProofNodeProto;
import io.polyhost.api.proto.ListProofProto;
import java.util.ArrayList;
import java.util.List;

/** Converts {@link ListProof}s to and from {@link ListProofProto}, rejecting malformed input. */
final class ListProofCodec {
  private ListProofCodec() {}

  static ListProofProto toProto(ListProof proof) {
    ListProofProto.Builder message = ListProofProto.newBuilder().setLength(proof.length());
    for (ListProofEntry entry : proof.entries()) {
      message.addEntries(
          ListProofEntryProto.newBuilder()
              .setPosition(entry.position())
              // value() returns a fresh copy that nothing else holds, so wrapping it is safe.
              .setValue(UnsafeByteOperations.unsafeWrap(entry.value())));
    }
    for (ListProofNode node : proof.nodes()) {
      message.addNodes(
          ListProofNodeProto.newBuilder()
              .setHeight(node.height())
              .setPosition(node.position())
              .setHash(UnsafeByteOperations.unsafeWrap(node.hash().toBytes())));
    }
    return message.build();
  }

  static ListProof fromProto(ListProofProto message) {
    long length = checkUnsigned(message.getLength(), "length");
    List<ListProofEntry> entries = new ArrayList<>(message.getEntriesCount());
    for (ListProofEntryProto entry : message.getEntriesList()) {
      long position = checkUnsigned(entry.getPosition(), "entry #" + entries.size() + " position");
      entries.add(new ListProofEntry(position, entry.getValue().toByteArray()));
    }
    List<ListProofNode> nodes = new ArrayList<>(message.getNodesCount());
    for (ListProofNodeProto node : message.getNodesList()) {
      String name = "node #" + nodes.size();
      int height = node.getHeight();
      if (height < 0 || height > ListProofNode.MAX_HEIGHT) {
        throw new ProofVerificationException(
            "List proof "
                + name
                + " has height "
                + Integer.toUnsignedString(height)
                + "; heights are 0 .. "
                + ListProofNode.MAX_HEIGHT);
      }
      long position = checkUnsigned(node.getPosition(), name + " position");
      if (node.getHash().size() != Hash.SIZE) {
        throw new ProofVerificationException(
            "List proof "
                + name
                + " has a hash of "
                + node.getHash().size()
                + " bytes; a hash is "
                + Hash.SIZE
                + " bytes");
      }
      nodes.add(new ListProofNode(height, position, Hash.of(node.getHash().toByteArray())));
    }
    return new ListProof(length, entries, nodes);
  }

  /** Rejects uint64 values that do not fit a Java long (they read as negative). */
  private static long checkUnsigned(long value, String what) {
    if (value < 0) {
      throw new ProofVerificationException(
          "List proof "
              + what
              + " is "
              + Long.toUnsignedString(value)
              + ", which exceeds 2^63 - 1");
    }
    return value;
  }
}
