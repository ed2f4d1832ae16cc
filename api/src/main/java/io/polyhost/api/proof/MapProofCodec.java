package io.polyhost.api.proof;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.proto.MapProofEntryProto;
import io.polyhost.api.proto.MapProofNodeProto;
import io.polyhost.api.proto.MapProofProto;
import java.util.ArrayList;
import java.util.List;

/** Converts {@link MapProof} to and from its protobuf form, rejecting malformed messages. */
final class MapProofCodec {
  private MapProofCodec() {}

  static MapProofProto toProto(MapProof proof) {
    MapProofProto.Builder b = MapProofProto.newBuilder();
    for (MapProofEntry e : proof.entries()) {
      MapProofEntryProto.Builder eb =
          MapProofEntryProto.newBuilder().setKey(ByteString.copyFrom(e.keyBytes()));
      byte[] value = e.valueBytes();
      if (value == null) {
        eb.setMissing(true);
      } else {
        eb.setValue(ByteString.copyFrom(value));
      }
      b.addEntries(eb);
    }
    for (MapProofNode n : proof.nodes()) {
      b.addNodes(
          MapProofNodeProto.newBuilder()
              .setPath(ByteString.copyFrom(n.path().encode()))
              .setHash(
                  HashProto.newBuilder().setData(ByteString.copyFrom(n.hash().toBytes())).build()));
    }
    return b.build();
  }

  static MapProof fromProto(MapProofProto proto, MapKeyMode mode) {
    List<MapProofEntry> entries = new ArrayList<>(proto.getEntriesCount());
    for (int i = 0; i < proto.getEntriesCount(); i++) {
      MapProofEntryProto e = proto.getEntries(i);
      byte[] key = e.getKey().toByteArray();
      entries.add(
          switch (e.getStateCase()) {
            case VALUE -> MapProofEntry.present(key, e.getValue().toByteArray());
            case MISSING -> {
              if (!e.getMissing()) {
                throw new IllegalArgumentException(
                    "Map proof entry " + i + " sets 'missing' to false; a missing key has true");
              }
              yield MapProofEntry.missing(key);
            }
            case STATE_NOT_SET ->
                throw new IllegalArgumentException(
                    "Map proof entry " + i + " has neither a value nor the missing mark");
          });
    }
    List<MapProofNode> nodes = new ArrayList<>(proto.getNodesCount());
    for (int i = 0; i < proto.getNodesCount(); i++) {
      MapProofNodeProto n = proto.getNodes(i);
      ProofPath path;
      try {
        path = ProofPath.decode(n.getPath().toByteArray());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("Map proof node " + i + ": " + ex.getMessage(), ex);
      }
      if (!n.hasHash()) {
        throw new IllegalArgumentException("Map proof node " + i + " has no hash");
      }
      byte[] hash = n.getHash().getData().toByteArray();
      if (hash.length != Hash.SIZE) {
        throw new IllegalArgumentException(
            "Map proof node " + i + " has a hash of " + hash.length + " bytes, not " + Hash.SIZE);
      }
      nodes.add(new MapProofNode(path, Hash.of(hash)));
    }
    return new MapProof(mode, entries, nodes);
  }
}
