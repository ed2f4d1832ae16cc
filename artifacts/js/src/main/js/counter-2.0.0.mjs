// A counter, version 2: many counters by name, in a proof map so that each value can be proven.
// Version 1 kept one number in an entry; the migration below moves it to the counter named
// "default", which is also what increment counts when no name is given, so clients of version 1
// keep working unchanged.
export const artifact = { name: 'counter', version: '2.0.0' };

export const Errors = Object.freeze({ INVALID_ARGUMENT: 1 });

const DEFAULT = 'default';
const MAX_STEP = 1_000_000;
const NAME = /^[a-z0-9-]{1,32}$/;

/** Counter name → value. */
function counters(storage) {
  return storage.proofMap('counters');
}

function counterName(value) {
  const name = value ?? DEFAULT;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ExecutionError(Errors.INVALID_ARGUMENT,
      'name must be 1 to 32 lowercase letters, digits or dashes, got ' + JSON.stringify(name));
  }
  return name;
}

function step(args) {
  const by = args?.by ?? 1;
  if (!Number.isInteger(by) || by < 1 || by > MAX_STEP) {
    throw new ExecutionError(Errors.INVALID_ARGUMENT,
      'by must be a whole number from 1 to ' + MAX_STEP + ', got ' + JSON.stringify(by));
  }
  return by;
}

export const migrations = {
  from: '1.0.0',
  scripts: [{
    to: '2.0.0',
    name: 'counter value to named counters',
    run(ctx) {
      // One entry is quick to move, so there is no need to merge in between; a script moving a
      // large index would move it page by page, calling ctx.merge() after each.
      const old = ctx.oldData.entry('value');
      if (old.exists()) {
        counters(ctx.newData).put(DEFAULT, old.get());
      }
      // Without the tombstone the old entry would stay in the state, unused, forever.
      ctx.createTombstone('value');
    },
  }],
};

export const service = {
  transactions: {
    /** { name?, by? }: adds `by` (1 by default) to counter `name` ("default" by default). */
    increment: { id: 0, run(ctx, args) {
      const name = counterName(args?.name);
      const by = step(args);
      counters(ctx.storage).put(name, (counters(ctx.storage).get(name) ?? 0) + by);
    } },
  },
  endpoints: {
    public: {
      /** GET value?name=<name>: { name, value, proof }; a counter never incremented is 0. */
      value(ctx, query) {
        const name = counterName(query.name);
        return { name, value: counters(ctx.storage).get(name) ?? 0, proof: ctx.prove('counters', name) };
      },
    },
  },
};
