// A counter, version 1: one number, incremented by transactions. Version 2 (counter-2.0.0.mjs)
// keeps many named counters instead and migrates this one into them.
export const artifact = { name: 'counter', version: '1.0.0' };

export const Errors = Object.freeze({ INVALID_ARGUMENT: 1 });

/** The most one transaction may add: keeps the total far from where numbers lose precision. */
const MAX_STEP = 1_000_000;

function step(args) {
  const by = args?.by ?? 1;
  if (!Number.isInteger(by) || by < 1 || by > MAX_STEP) {
    throw new ExecutionError(Errors.INVALID_ARGUMENT,
      'by must be a whole number from 1 to ' + MAX_STEP + ', got ' + JSON.stringify(by));
  }
  return by;
}

export const service = {
  transactions: {
    /** { by? }: adds `by` (1 by default). Identical transactions run once: vary `seed` to repeat. */
    increment: { id: 0, run(ctx, args) {
      const value = ctx.storage.entry('value');
      value.set((value.get() ?? 0) + step(args));
    } },
  },
  endpoints: {
    public: {
      /** GET value: the number. */
      value: (ctx) => ctx.storage.entry('value').get() ?? 0,
    },
  },
};
