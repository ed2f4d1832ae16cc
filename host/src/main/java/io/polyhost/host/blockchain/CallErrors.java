package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proto.ExecutionErrorAuxProto;
import io.polyhost.api.proto.ExecutionErrorProto;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The errors of the top-level calls of one block, keyed by {@link CallInBlock}.
 *
 * <p>Each error is split in two: the consensus part goes to {@code core.call_errors}, a proof map
 * whose hash is the block's {@code error_hash}; description and backtrace go to {@code
 * core.call_errors_aux}, a plain map, so nodes whose descriptions differ (a local path, another
 * JVM's message) still agree on the block. Reading joins the two again. A call without an entry
 * succeeded.
 */
public final class CallErrors {
  private final long height;
  private final boolean writable;
  private final ProofMapIndex<CallInBlock, ExecutionError> consensus;
  private final MapIndex<CallInBlock, ExecutionErrorAuxProto> aux;

  CallErrors(
      long height,
      boolean writable,
      ProofMapIndex<CallInBlock, ExecutionError> consensus,
      MapIndex<CallInBlock, ExecutionErrorAuxProto> aux) {
    this.height = height;
    this.writable = writable;
    this.consensus = consensus;
    this.aux = aux;
  }

  /** The height of the block these errors belong to. */
  public long height() {
    return height;
  }

  /**
   * Records that {@code call} failed with {@code error}, replacing any earlier error of that call.
   *
   * @throws IllegalStateException if the schema is read-only or the block is already committed
   */
  public void save(CallInBlock call, ExecutionError error) {
    if (!writable) {
      throw new IllegalStateException(
          "The errors of block "
              + height
              + " cannot change: the schema is read-only or the block is committed");
    }
    consensus.put(call, error);
    aux.put(
        call,
        ExecutionErrorAuxProto.newBuilder()
            .setDescription(error.description())
            .addAllBacktrace(error.toProto().getBacktraceList())
            .build());
  }

  /** The error of {@code call} with its description and backtrace, or empty if it succeeded. */
  public Optional<ExecutionError> get(CallInBlock call) {
    return consensus.get(call).map(e -> join(call, e));
  }

  /** Every error of the block, in execution order. */
  public SortedMap<CallInBlock, ExecutionError> all() {
    SortedMap<CallInBlock, ExecutionError> out = new TreeMap<>();
    for (Iterator<Map.Entry<CallInBlock, ExecutionError>> it = consensus.entries();
        it.hasNext(); ) {
      Map.Entry<CallInBlock, ExecutionError> e = it.next();
      out.put(e.getKey(), join(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** The block's {@code error_hash}: the object hash of the consensus parts. */
  public Hash hash() {
    return consensus.objectHash();
  }

  /**
   * A proof of the consensus part of {@code call}'s error, or of its absence, against {@link
   * #hash()}.
   */
  public MapProof proof(CallInBlock call) {
    return consensus.proof(call);
  }

  /** The description of {@code call}'s error, if it failed. */
  public Optional<String> description(CallInBlock call) {
    return aux.get(call).map(ExecutionErrorAuxProto::getDescription);
  }

  private ExecutionError join(CallInBlock call, ExecutionError consensusPart) {
    ExecutionErrorProto.Builder b = consensusPart.toProto().toBuilder();
    aux.get(call)
        .ifPresent(a -> b.setDescription(a.getDescription()).addAllBacktrace(a.getBacktraceList()));
    return ExecutionError.fromProto(b.build());
  }
}
