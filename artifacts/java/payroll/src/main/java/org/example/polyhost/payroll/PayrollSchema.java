package org.example.polyhost.payroll;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import org.example.polyhost.payroll.proto.PayoutRecord;

/** Where the payroll keeps its data: its configuration and a record of every payout. */
final class PayrollSchema {
  /** The map of payouts by transaction hash. */
  static final String PAYOUTS = "payouts";

  /** Payout records in their protobuf form. */
  static final Serializer<PayoutRecord> RECORDS = Serializers.protobuf(PayoutRecord.parser());

  private PayrollSchema() {}

  /** The name of the wallet service the payroll pays through, set by the constructor. */
  static ProofEntry<String> walletService(IndexAccess data) {
    return data.proofEntry("wallet-service", Serializers.string());
  }

  /** The completed payouts, writable if {@code data} is. */
  static ProofMapIndex<Hash, PayoutRecord> payouts(IndexAccess data) {
    return data.rawProofMap(PAYOUTS, Serializers.hash(), RECORDS);
  }
}
