// A wallet service, version 2: each wallet keeps its balance and how many transfers it took part
// in. Its migration script turns version 1's balances into wallets, in chunks, merging after each.
export const artifact = { name: 'wallet', version: '2.0.0' };

const CHUNK = 2;

function wallets(storage) {
  return storage.proofMap('wallets');
}

/** Calls step(items) for the pages of fetch(cursor) after the one `cursorEntry` remembers. */
function inChunks(ctx, cursorEntry, fetch, step) {
  for (;;) {
    const last = cursorEntry.get();
    const page = fetch(last === undefined ? undefined : last.next);
    if (page.length === 0) {
      return;
    }
    step(page);
    cursorEntry.set({ next: page.next });
    ctx.merge();
  }
}

export const migrations = {
  from: '1.0.0',
  scripts: [{
    to: '2.0.0',
    name: 'wallet balances to wallets',
    run(ctx) {
      const old = ctx.oldData.proofMap('balances');
      inChunks(ctx, ctx.scratchpad.entry('balancesCursor'),
        (from) => {
          // `from` is inclusive: the key after the last one done comes first.
          const entries = old.entries(from === undefined ? { limit: CHUNK } : { from, limit: CHUNK + 1 });
          const page = from === undefined ? entries : entries.slice(1);
          page.next = page.length === 0 ? from : page[page.length - 1][0];
          return page;
        },
        (page) => {
          for (const [owner, balance] of page) {
            wallets(ctx.newData).put(owner, { balance, transfers: 0 });
          }
        });
      const history = ctx.oldData.list('history');
      inChunks(ctx, ctx.scratchpad.entry('historyCursor'),
        (from) => {
          const start = from === undefined ? 0 : from;
          const page = history.values({ from: start, limit: CHUNK });
          page.next = start + page.length;
          return page;
        },
        (page) => {
          for (const t of page) {
            for (const owner of [t.from, t.to]) {
              const w = wallets(ctx.newData).get(owner);
              wallets(ctx.newData).put(owner, { balance: w.balance, transfers: w.transfers + 1 });
            }
          }
        });
      ctx.newData.entry('config').set(ctx.oldData.entry('config').get());
      ctx.createTombstone('balances');
    },
  }],
};

export const service = {
  initialize(ctx, params) {
    ctx.storage.entry('config').set({ fee: params === undefined ? 0 : params.fee });
  },
  resume(ctx, params) {
    ctx.storage.entry('resumedAt').set(ctx.height);
  },
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
  endpoints: {
    public: {
      wallet(ctx, query) {
        if (query.owner === undefined) {
          throw new EndpointError(400, 'give the owner: wallet?owner=<name>');
        }
        const w = wallets(ctx.storage).get(query.owner);
        if (w === undefined) {
          throw new EndpointError(404, 'no wallet of ' + query.owner);
        }
        return { owner: query.owner, balance: w.balance, transfers: w.transfers };
      },
    },
    private: {
      stats(ctx) {
        return { height: ctx.height, transfers: ctx.storage.list('history').size() };
      },
    },
  },
  transactions: {
    create: { id: 0, run(ctx, args) {
      if (wallets(ctx.storage).has(args.owner)) {
        throw new ExecutionError(1, 'wallet ' + args.owner + ' exists');
      }
      wallets(ctx.storage).put(args.owner, { balance: args.amount, transfers: 0 });
    } },
    transfer: { id: 1, run(ctx, args) {
      const from = wallets(ctx.storage).get(args.from);
      const to = wallets(ctx.storage).get(args.to);
      if (from === undefined || to === undefined) {
        throw new ExecutionError(2, 'no such wallet');
      }
      const fee = ctx.storage.entry('config').get().fee;
      if (from.balance < args.amount + fee) {
        throw new ExecutionError(3, 'insufficient funds');
      }
      wallets(ctx.storage).put(args.from,
        { balance: from.balance - args.amount - fee, transfers: from.transfers + 1 });
      wallets(ctx.storage).put(args.to, { balance: to.balance + args.amount, transfers: to.transfers + 1 });
      ctx.storage.list('history').push({ from: args.from, to: args.to, amount: args.amount });
    } },
  },
};
