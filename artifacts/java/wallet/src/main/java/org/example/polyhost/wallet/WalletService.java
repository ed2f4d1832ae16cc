package org.example.polyhost.wallet;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.PublicKeyProto;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.ProofMapIndex;
import java.util.Optional;
import org.example.polyhost.wallet.proto.CreateWallet;
import org.example.polyhost.wallet.proto.Issue;
import org.example.polyhost.wallet.proto.Transfer;
import org.example.polyhost.wallet.proto.Wallet;

/**
 * A token kept in wallets, one per public key: {@code create}, {@code issue} and {@code transfer},
 * each acting on the wallet of the transaction's author, and the read endpoint {@code
 * wallet?key=<hex>}.
 *
 * <p>Anyone may issue tokens to their own wallet: this is a demonstration token. A real one would
 * let only a configured key issue (see the service's constructor parameters in {@link
 * Service#initialize}).
 */
public final class WalletService implements Service {
  /** The id of {@code create}. Ids are what signed transactions carry: they never change. */
  public static final int CREATE_ID = 0;

  /** The id of {@code issue}. */
  public static final int ISSUE_ID = 1;

  /** The id of {@code transfer}; other services call it too (see the payroll example). */
  public static final int TRANSFER_ID = 2;

  /** The longest wallet name, in characters. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Called by {@link WalletFactory}. */
  public WalletService() {}

  /** Creates the author's wallet with a zero balance. */
  @Transaction(id = CREATE_ID, name = "create")
  public void create(ExecutionContext context, CreateWallet arguments) {
    PublicKey owner = author(context);
    String name = arguments.getName();
    int length = name.codePointCount(0, name.length());
    if (name.isBlank() || length > MAX_NAME_LENGTH) {
      throw WalletError.INVALID_NAME.exception(
          "A wallet name has 1 to "
              + MAX_NAME_LENGTH
              + " characters and is not blank; got "
              + JsonStrings.quote(name));
    }
    ProofMapIndex<PublicKey, Wallet> wallets = WalletSchema.wallets(context.serviceData());
    Optional<Wallet> existing = wallets.get(owner);
    if (existing.isPresent()) {
      throw WalletError.WALLET_EXISTS.exception(
          "Key "
              + owner.toHex()
              + " already has a wallet, named "
              + JsonStrings.quote(existing.get().getName()));
    }
    wallets.put(owner, Wallet.newBuilder().setName(name).build());
  }

  /** Adds {@code amount} new tokens to the author's wallet. */
  @Transaction(id = ISSUE_ID, name = "issue")
  public void issue(ExecutionContext context, Issue arguments) {
    long amount = requireAmount(arguments.getAmount());
    PublicKey owner = author(context);
    ProofMapIndex<PublicKey, Wallet> wallets = WalletSchema.wallets(context.serviceData());
    Wallet wallet =
        wallets
            .get(owner)
            .orElseThrow(() ->
                WalletError.UNKNOWN_WALLET.exception(
                    "Key " + owner.toHex() + " has no wallet to issue to; create one first"));
    wallets.put(owner, credit(owner, wallet, amount));
  }

  /** Moves {@code amount} tokens from the author's wallet to the wallet of {@code to}. */
  @Transaction(id = TRANSFER_ID, name = "transfer")
  public void transfer(ExecutionContext context, Transfer arguments) {
    long amount = requireAmount(arguments.getAmount());
    PublicKey from = author(context);
    PublicKey to = key(arguments.getTo());
    if (to.equals(from)) {
      throw WalletError.SELF_TRANSFER.exception(
          "A transfer needs another wallet as receiver, not the sender's own " + from.toHex());
    }
    ProofMapIndex<PublicKey, Wallet> wallets = WalletSchema.wallets(context.serviceData());
    Wallet sender =
        wallets
            .get(from)
            .orElseThrow(() ->
                WalletError.UNKNOWN_WALLET.exception(
                    "Key " + from.toHex() + " has no wallet to send from; create one first"));
    Wallet receiver =
        wallets
            .get(to)
            .orElseThrow(() ->
                WalletError.UNKNOWN_RECEIVER.exception(
                    "The receiver " + to.toHex() + " has no wallet; it must create one first"));
    if (sender.getBalance() < amount) {
      throw WalletError.INSUFFICIENT_FUNDS.exception(
          "Wallet " + from.toHex() + " holds " + sender.getBalance() + ", cannot send " + amount);
    }
    // Every check comes before the first write. The node would roll back a half-done transfer
    // anyway, but a reader should not have to know that to see that the code is right.
    Wallet credited = credit(to, receiver, amount);
    wallets.put(from, sender.toBuilder().setBalance(sender.getBalance() - amount).build());
    wallets.put(to, credited);
  }

  /**
   * {@code GET /api/services/<instance>/wallet?key=<64 hex digits>}: the wallet ({@code null} if
   * there is none) and the {@code "proof"} of exactly that, which a client verifies with {@code
   * StateProof.fromHex(proof).verifyMap(validatorKeys)}.
   */
  @Override
  public Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    if (request.scope() != EndpointRequest.Scope.PUBLIC || !request.path().equals("wallet")) {
      return Optional.empty();
    }
    String hex =
        request
            .parameter("key")
            .orElseThrow(() ->
                WalletError.INVALID_KEY.exception(
                    "Name the wallet's owner: wallet?key=<64 hex digits of the public key>"));
    PublicKey key;
    try {
      key = PublicKey.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw WalletError.INVALID_KEY.exception(
          "The key parameter must be 64 hex digits (a public key): " + e.getMessage());
    }
    ProofMapIndex<PublicKey, Wallet> wallets = WalletSchema.wallets(context.serviceData());
    // The proof covers absence too: a client can trust a null wallet as much as a balance.
    String proof = context.prove(WalletSchema.WALLETS, wallets.proof(key)).toHex();
    String wallet =
        wallets
            .get(key)
            .map(w ->
                "{\"name\":"
                    + JsonStrings.quote(w.getName())
                    + ",\"balance\":"
                    + w.getBalance()
                    + "}")
            .orElse("null");
    return Optional.of(
        EndpointResponse.ok(
            "{\"key\":\""
                + key.toHex()
                + "\",\"wallet\":"
                + wallet
                + ",\"proof\":\""
                + proof
                + "\"}"));
  }

  /**
   * The key whose wallet a call acts on: the author of the signed transaction. A service calling
   * the wallet on its user's behalf passes the author on with {@code
   * ChildCall.withFallthroughAuth()}; a call as the service itself is refused, since a service has
   * no key and so no wallet.
   */
  private static PublicKey author(ExecutionContext context) {
    if (context.caller() instanceof Caller.Transaction(PublicKey author)) {
      return author;
    }
    throw WalletError.NOT_SIGNED.exception(
        "Wallets act only for the author of a signed transaction, not for "
            + context.caller()
            + "; a service acting for its user calls with ChildCall.withFallthroughAuth()");
  }

  private static PublicKey key(PublicKeyProto proto) {
    try {
      return PublicKey.fromProto(proto);
    } catch (IllegalArgumentException e) {
      throw WalletError.INVALID_KEY.exception(
          "The receiver ('to') must be a 32-byte public key: " + e.getMessage());
    }
  }

  /** Amounts are protobuf {@code uint64}; above {@link Long#MAX_VALUE} they read as negative. */
  private static long requireAmount(long amount) {
    if (amount <= 0) {
      throw WalletError.INVALID_AMOUNT.exception(
          "An amount is 1 to " + Long.MAX_VALUE + ", got " + Long.toUnsignedString(amount));
    }
    return amount;
  }

  private static Wallet credit(PublicKey owner, Wallet wallet, long amount) {
    if (wallet.getBalance() > Long.MAX_VALUE - amount) {
      throw WalletError.BALANCE_OVERFLOW.exception(
          "Wallet "
              + owner.toHex()
              + " holds "
              + wallet.getBalance()
              + "; adding "
              + amount
              + " would exceed "
              + Long.MAX_VALUE);
    }
    return wallet.toBuilder().setBalance(wallet.getBalance() + amount).build();
  }
}
