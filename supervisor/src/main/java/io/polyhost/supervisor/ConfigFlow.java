package io.polyhost.supervisor;

import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.supervisor.proto.ConfigProposalWithHash;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.ConfigVote;

/**
 * Configuration proposals: one pending at a time, voted on by hash, applied together at the end of
 * block {@code actual_from} if the mode approves, forgotten once that height has passed.
 */
final class ConfigFlow {
  private ConfigFlow() {}

  /** Transaction 2: a validator proposes changes (and so votes for them). */
  static void propose(ExecutionContext context, ConfigPropose received) {
    PublicKey author = Validators.author(context);
    ConfigPropose propose = canonical(received);
    long current = Heights.current(context);
    if (propose.getActualFrom() == 0) {
      propose = propose.toBuilder().setActualFrom(current + 1).build();
    } else if (Long.compareUnsigned(current, propose.getActualFrom()) >= 0) {
      throw SupervisorError.ACTUAL_FROM_IS_PAST.exception(
          "actual_from "
              + Long.toUnsignedString(propose.getActualFrom())
              + " of the proposal is not in the future (current height "
              + current
              + "); use a later height, or 0 for the next block");
    }
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    var pending = schema.pendingProposal();
    if (pending.isPresent()) {
      long actualFrom = pending.get().getConfigPropose().getActualFrom();
      if (current < actualFrom) {
        throw SupervisorError.CONFIG_PROPOSE_EXISTS.exception(
            "Another proposal (hash "
                + Hash.fromProto(pending.get().getProposeHash())
                + ") is pending until height "
                + actualFrom
                + "; wait for it to be applied or to expire");
      }
      schema.pendingProposalEntry().remove();
    }
    ChangeVerifier.verify(context, propose.getChangesList());
    long expected = schema.configurationNumber();
    if (propose.getConfigurationNumber() != expected) {
      throw SupervisorError.INCORRECT_CONFIGURATION_NUMBER.exception(
          "The proposal's configuration_number is "
              + Long.toUnsignedString(propose.getConfigurationNumber())
              + " but the supervisor expects "
              + expected
              + " (another proposal was made meanwhile; read configuration-number and retry)");
    }
    schema.configurationNumberEntry().set(expected + 1);
    HashProto hash = Hash.sha256(propose.toByteArray()).toProto();
    schema.configConfirms().confirm(hash, author);
    schema
        .pendingProposalEntry()
        .set(
            ConfigProposalWithHash.newBuilder()
                .setProposeHash(hash)
                .setConfigPropose(propose)
                .build());
  }

  /** Transaction 3: a validator votes for the pending proposal. */
  static void vote(ExecutionContext context, ConfigVote vote) {
    PublicKey author = Validators.author(context);
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    ConfigProposalWithHash pending =
        schema
            .pendingProposal()
            .orElseThrow(() ->
                SupervisorError.CONFIG_PROPOSE_NOT_REGISTERED.exception(
                    "No proposal is pending; there is nothing to vote for"));
    Hash voted = hash(vote.getProposeHash());
    Hash hash = Hash.fromProto(pending.getProposeHash());
    if (!voted.equals(hash)) {
      throw SupervisorError.CONFIG_PROPOSE_NOT_REGISTERED.exception(
          "The vote is for proposal " + voted + " but the pending proposal is " + hash);
    }
    long current = Heights.current(context);
    long actualFrom = pending.getConfigPropose().getActualFrom();
    if (actualFrom <= current) {
      throw SupervisorError.DEADLINE_EXCEEDED.exception(
          "The proposal was due at height "
              + actualFrom
              + " (current height "
              + current
              + "); voting for it is no longer possible");
    }
    if (schema.configConfirms().confirmedBy(pending.getProposeHash(), author)) {
      throw SupervisorError.ATTEMPT_TO_VOTE_TWICE.exception(
          "Validator " + author + " has voted for proposal " + hash + " already");
    }
    schema.configConfirms().confirm(pending.getProposeHash(), author);
  }

  /** Before each block: a proposal whose height has passed is forgotten. */
  static void expire(ExecutionContext context) {
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    schema
        .pendingProposal()
        .filter(p -> p.getConfigPropose().getActualFrom() <= Heights.current(context))
        .ifPresent(p -> schema.pendingProposalEntry().remove());
  }

  /**
   * After the transactions of each block: applies the pending proposal if this block is its {@code
   * actual_from} and enough validators voted. A failing change fails the hook, which rolls back
   * every change of the proposal; the proposal then expires.
   */
  static void applyDue(ExecutionContext context) {
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    var pending = schema.pendingProposal();
    if (pending.isEmpty() || pending.get().getConfigPropose().getActualFrom() != context.height()) {
      return;
    }
    var config = context.data().consensusConfig();
    int votes =
        schema
            .configConfirms()
            .countAmong(pending.get().getProposeHash(), Validators.serviceKeys(config));
    if (votes
        < Validators.quorum(schema.configuration().getMode(), config.getValidatorKeysCount())) {
      return;
    }
    schema.pendingProposalEntry().remove();
    ChangeApplier.apply(context, pending.get().getConfigPropose().getChangesList());
  }

  private static Hash hash(HashProto proto) {
    try {
      return Hash.fromProto(proto);
    } catch (IllegalArgumentException e) {
      throw SupervisorError.CONFIG_PROPOSE_NOT_REGISTERED.exception(
          "The vote's propose_hash is malformed: " + e.getMessage());
    }
  }

  /** The proposal without fields this version does not know, so every node hashes the same. */
  private static ConfigPropose canonical(ConfigPropose received) {
    try {
      return DiscardUnknownFieldsParser.wrap(ConfigPropose.parser())
          .parseFrom(received.toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("A parsed proposal does not parse again", e);
    }
  }
}
