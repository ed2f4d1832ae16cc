// A wallet: every key may open one wallet, issue coins into it and send them to other wallets.
//
// Wallets live in a proof map, so a light client can ask any node for a wallet and check the
// answer against the validators' keys alone (the `wallet` endpoint). This artifact is a bundle:
// its error codes and argument checks are modules of their own, imported by relative path.
import { Errors, fail } from './errors.mjs';
import { amount, fields, publicKey, walletName } from './arguments.mjs';

export const artifact = { name: 'wallet', version: '1.0.0' };

/** Public key (hex) → { name, balance }. */
function wallets(ctx) {
  return ctx.storage.proofMap('wallets');
}

/** The key of the transaction's author, who owns the wallet it acts on. */
function author(ctx) {
  if (ctx.caller.kind !== 'transaction') {
    throw fail(Errors.NOT_A_TRANSACTION,
      'Wallets belong to keys: sign a transaction to use one (called by a ' + ctx.caller.kind + ')');
  }
  return ctx.caller.author;
}

function walletOf(ctx, key, code, whose) {
  const wallet = wallets(ctx).get(key);
  if (wallet === undefined) {
    throw fail(code, whose + ' ' + key + ' has no wallet; create one first');
  }
  return wallet;
}

export const service = {
  transactions: {
    /** { name }: opens the author's wallet, empty. */
    create: { id: 0, run(ctx, args) {
      const owner = author(ctx);
      const name = walletName(fields(args).name);
      if (wallets(ctx).has(owner)) {
        throw fail(Errors.WALLET_EXISTS, 'Key ' + owner + ' already has a wallet');
      }
      wallets(ctx).put(owner, { name, balance: 0 });
    } },

    /**
     * { amount, seed? }: adds new coins to the author's wallet. Anyone may issue here, which keeps
     * the example small; a real currency would let only a treasury do it. Identical transactions
     * have one hash and run once, so a client that issues the same amount again varies `seed`.
     */
    issue: { id: 1, run(ctx, args) {
      const coins = amount(fields(args).amount, 'amount');
      const owner = author(ctx);
      const wallet = walletOf(ctx, owner, Errors.UNKNOWN_WALLET, 'Key');
      if (wallet.balance > Number.MAX_SAFE_INTEGER - coins) {
        throw fail(Errors.INVALID_ARGUMENT,
          'Issuing ' + coins + ' would take the balance beyond ' + Number.MAX_SAFE_INTEGER);
      }
      wallets(ctx).put(owner, { ...wallet, balance: wallet.balance + coins });
    } },

    /** { to, amount, seed? }: moves coins from the author's wallet to the wallet of key `to`. */
    transfer: { id: 2, run(ctx, args) {
      const { to } = fields(args);
      publicKey(to, 'to');
      const coins = amount(args.amount, 'amount');
      const from = author(ctx);
      if (to === from) {
        throw fail(Errors.INVALID_ARGUMENT, 'A wallet cannot transfer to itself');
      }
      const sender = walletOf(ctx, from, Errors.UNKNOWN_WALLET, 'Sender');
      const receiver = walletOf(ctx, to, Errors.UNKNOWN_RECEIVER, 'Receiver');
      if (sender.balance < coins) {
        throw fail(Errors.INSUFFICIENT_FUNDS,
          'Insufficient funds: the balance is ' + sender.balance + ', the transfer needs ' + coins);
      }
      // Both balances were checked above, so neither write can leave the pair half-updated.
      wallets(ctx).put(from, { ...sender, balance: sender.balance - coins });
      wallets(ctx).put(to, { ...receiver, balance: receiver.balance + coins });
    } },
  },

  endpoints: {
    public: {
      /**
       * GET wallet?key=<public key>: { key, wallet, proof }. A missing wallet is null, and the
       * proof then proves its absence, so a client can trust "no such wallet" as much as a balance.
       */
      wallet(ctx, query) {
        const key = publicKey(query.key, 'key');
        return {
          key,
          wallet: wallets(ctx).get(key) ?? null,
          proof: ctx.prove('wallets', key),
        };
      },
    },
  },
};
