// A wallet service, version 1: balances by owner. Version 2 (wallet-2.0.0.mjs) migrates its data.
export const artifact = { name: 'wallet', version: '1.0.0' };

function balances(ctx) {
  return ctx.storage.proofMap('balances');
}

export const service = {
  initialize(ctx, params) {
    ctx.storage.entry('config').set({ fee: params === undefined ? 0 : params.fee });
  },
  resume(ctx, params) {},
  configure: {
    verify(ctx, config) {
      if (!Number.isInteger(config.fee) || config.fee < 0) {
        throw new ExecutionError(10, 'fee must be a non-negative integer');
      }
    },
    apply(ctx, config) {
      ctx.storage.entry('config').set({ fee: config.fee });
    },
  },
  transactions: {
    create: { id: 0, run(ctx, args) {
      if (balances(ctx).has(args.owner)) {
        throw new ExecutionError(1, 'wallet ' + args.owner + ' exists');
      }
      balances(ctx).put(args.owner, args.amount);
    } },
    transfer: { id: 1, run(ctx, args) {
      const from = balances(ctx).get(args.from);
      const to = balances(ctx).get(args.to);
      if (from === undefined || to === undefined) {
        throw new ExecutionError(2, 'no such wallet');
      }
      const fee = ctx.storage.entry('config').get().fee;
      if (from < args.amount + fee) {
        throw new ExecutionError(3, 'insufficient funds');
      }
      balances(ctx).put(args.from, from - args.amount - fee);
      balances(ctx).put(args.to, to + args.amount);
      ctx.storage.list('history').push({ from: args.from, to: args.to, amount: args.amount });
    } },
  },
};
