package org.example.polyhost.payroll;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.ProofMapIndex;
import java.util.List;
import java.util.Optional;
import org.example.polyhost.payroll.proto.Payment;
import org.example.polyhost.payroll.proto.Payout;
import org.example.polyhost.payroll.proto.PayoutRecord;
import org.example.polyhost.payroll.proto.PayrollConfig;
import org.example.polyhost.payroll.proto.WalletTransfer;

/**
 * Pays several people from the signer's wallet in one transaction ({@code payout}), through child
 * calls to the wallet service's {@code transfer}, and answers {@code payout?tx=<hex>} with the
 * record of a payout and its proof.
 *
 * <p>A child call runs in the caller's transaction: if any payment fails, the node rolls back the
 * whole payout, the payments already made and the payroll's own record included, and the payout
 * fails with the wallet's error (e.g. its insufficient funds).
 */
public final class PayrollService implements Service {
  /** The id of {@code payout}. */
  public static final int PAYOUT_ID = 0;

  /** The most payments one payout may make. */
  public static final int MAX_PAYMENTS = 100;

  /** The wallet service used when the configuration names none. */
  public static final String DEFAULT_WALLET_SERVICE = "wallet";

  /**
   * The wallet's {@code transfer}: its id is part of the wallet's contract, so it never changes.
   */
  static final int WALLET_TRANSFER_ID = 2;

  /** Called by {@link PayrollFactory}. */
  public PayrollService() {}

  /**
   * Takes a {@code PayrollConfig} naming the wallet service to pay through, which must exist
   * already: a payroll that could never pay is better refused at its start.
   */
  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    PayrollConfig config;
    try {
      config = PayrollConfig.parseFrom(parameters);
    } catch (InvalidProtocolBufferException e) {
      throw PayrollError.INVALID_CONFIG.exception(
          "The configuration must be an examples.payroll.PayrollConfig: " + e.getMessage());
    }
    String wallet =
        config.getWalletService().isEmpty() ? DEFAULT_WALLET_SERVICE : config.getWalletService();
    InstanceState target =
        context
            .data()
            .instance(InstanceQuery.name(wallet))
            .orElseThrow(() ->
                PayrollError.INVALID_CONFIG.exception(
                    "There is no service named '"
                        + wallet
                        + "' to pay through: start the wallet"
                        + " first, or name it in wallet_service"));
    ArtifactId artifact = target.spec().artifact();
    // The payroll speaks the Java wallet's protobuf interface; other services would refuse it.
    if (artifact.runtimeId() != RuntimeId.JAVA || !artifact.name().equals("wallet")) {
      throw PayrollError.INVALID_CONFIG.exception(
          "Service '" + wallet + "' runs " + artifact + ", not the Java wallet (1:wallet:*)");
    }
    PayrollSchema.walletService(context.serviceData()).set(wallet);
  }

  /** Makes every payment of {@code arguments} from the author's wallet, or none of them. */
  @Transaction(id = PAYOUT_ID, name = "payout")
  public void payout(ExecutionContext context, Payout arguments) {
    List<Payment> payments = arguments.getPaymentsList();
    long total = requireTotal(payments);
    PublicKey payer = author(context);
    // A signed call always runs inside a transaction, so its hash is there.
    Hash tx = context.transactionHash().orElseThrow();
    // Recorded before paying, on purpose: if a payment fails, this write is rolled back with the
    // rest of the transaction, so a payout on record is always a payout made in full.
    PayrollSchema.payouts(context.serviceData())
        .put(
            tx,
            PayoutRecord.newBuilder()
                .setPayer(payer.toProto())
                .setPayments(payments.size())
                .setTotal(total)
                .build());
    String wallet =
        PayrollSchema.walletService(context.serviceData()).get().orElse(DEFAULT_WALLET_SERVICE);
    for (Payment payment : payments) {
      WalletTransfer transfer =
          WalletTransfer.newBuilder().setTo(payment.getTo()).setAmount(payment.getAmount()).build();
      // Fallthrough auth: the wallet sees the payout's signer as its caller and pays from their
      // wallet. Without it, the wallet would see this service, which has no wallet of its own.
      // A failed payment throws the wallet's error here; letting it propagate fails the payout
      // with that error, which tells the client what went wrong (catching it would not undo it:
      // the node refuses to commit a call whose child call failed).
      context.call(
          ChildCall.of(InstanceQuery.name(wallet), WALLET_TRANSFER_ID, transfer.toByteArray())
              .withFallthroughAuth());
    }
  }

  /**
   * {@code GET /api/services/<instance>/payout?tx=<64 hex digits>}: the payout that transaction
   * made ({@code null} if none) and the {@code "proof"} of exactly that.
   */
  @Override
  public Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    if (request.scope() != EndpointRequest.Scope.PUBLIC || !request.path().equals("payout")) {
      return Optional.empty();
    }
    String hex =
        request
            .parameter("tx")
            .orElseThrow(() ->
                PayrollError.INVALID_HASH.exception(
                    "Name the payout: payout?tx=<64 hex digits of its transaction hash>"));
    Hash tx;
    try {
      tx = Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw PayrollError.INVALID_HASH.exception(
          "The tx parameter must be 64 hex digits (a transaction hash): " + e.getMessage());
    }
    ProofMapIndex<Hash, PayoutRecord> payouts = PayrollSchema.payouts(context.serviceData());
    String proof = context.prove(PayrollSchema.PAYOUTS, payouts.proof(tx)).toHex();
    String payout =
        payouts
            .get(tx)
            .map(r ->
                "{\"payer\":\""
                    + PublicKey.fromProto(r.getPayer()).toHex()
                    + "\",\"payments\":"
                    + r.getPayments()
                    + ",\"total\":"
                    + r.getTotal()
                    + "}")
            .orElse("null");
    return Optional.of(
        EndpointResponse.ok(
            "{\"tx\":\""
                + tx.toHex()
                + "\",\"payout\":"
                + payout
                + ",\"proof\":\""
                + proof
                + "\"}"));
  }

  /**
   * Checks what the payroll itself can check before any money moves; the wallet checks the rest.
   */
  private static long requireTotal(List<Payment> payments) {
    if (payments.isEmpty() || payments.size() > MAX_PAYMENTS) {
      throw PayrollError.INVALID_PAYMENT_COUNT.exception(
          "A payout makes 1 to " + MAX_PAYMENTS + " payments, not " + payments.size());
    }
    long total = 0;
    for (int i = 0; i < payments.size(); i++) {
      long amount = payments.get(i).getAmount();
      if (amount <= 0) { // uint64 above Long.MAX_VALUE reads as negative
        throw PayrollError.INVALID_AMOUNT.exception(
            "Payment "
                + i
                + ": an amount is 1 to "
                + Long.MAX_VALUE
                + ", got "
                + Long.toUnsignedString(amount));
      }
      if (total > Long.MAX_VALUE - amount) {
        throw PayrollError.TOTAL_OVERFLOW.exception(
            "The payments add up to more than " + Long.MAX_VALUE + " (at payment " + i + ")");
      }
      total += amount;
    }
    return total;
  }

  private static PublicKey author(ExecutionContext context) {
    if (context.caller() instanceof Caller.Transaction(PublicKey author)) {
      return author;
    }
    throw PayrollError.NOT_SIGNED.exception(
        "A payout pays from its signer's wallet, so it must be a signed transaction (or a child"
            + " call with fallthrough auth), not a call from "
            + context.caller());
  }
}
