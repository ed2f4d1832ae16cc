// Timestamping: proves that a piece of content existed at a given time. A client sends the
// SHA-256 of its content (never the content itself); the service records when the block that
// took it was made. The block time is the one clock every node agrees on, so it is the time
// recorded, not the client's claim.
export const artifact = { name: 'timestamping', version: '1.0.0' };

// Error codes: part of consensus and of the service's contract, never reused for something else.
export const Errors = Object.freeze({
  /** The content hash is recorded already; the first record stands. */
  DUPLICATE_TIMESTAMP: 1,
  INVALID_ARGUMENT: 2,
});

const CONTENT_HASH = /^[0-9a-f]{64}$/;
const MAX_NOTE = 256;

/** Content hash (hex) → { note, time, caller }. */
function timestamps(ctx) {
  return ctx.storage.proofMap('timestamps');
}

function contentHash(value) {
  if (typeof value !== 'string' || !CONTENT_HASH.test(value)) {
    throw new ExecutionError(Errors.INVALID_ARGUMENT,
      'hash must be a SHA-256 as 64 lowercase hex digits, got ' + JSON.stringify(value ?? null));
  }
  return value;
}

export const service = {
  transactions: {
    /**
     * { hash, note? }: records the content hash at the block time. Other services call this too
     * (see registry-1.0.0.mjs); `caller` is the uniform address of whoever asked, a key's or a
     * service's.
     */
    timestamp: { id: 0, run(ctx, args) {
      if (args === null || typeof args !== 'object') {
        throw new ExecutionError(Errors.INVALID_ARGUMENT, 'Arguments must be a JSON object { hash, note? }');
      }
      const hash = contentHash(args.hash);
      const note = args.note ?? '';
      if (typeof note !== 'string' || note.length > MAX_NOTE) {
        throw new ExecutionError(Errors.INVALID_ARGUMENT,
          'note must be a string of at most ' + MAX_NOTE + ' characters');
      }
      const existing = timestamps(ctx).get(hash);
      if (existing !== undefined) {
        // Refusing (rather than overwriting) keeps the earliest time, the one that proves anything.
        throw new ExecutionError(Errors.DUPLICATE_TIMESTAMP,
          'Content ' + hash + ' was timestamped already, at ' + new Date(existing.time).toISOString());
      }
      timestamps(ctx).put(hash, { note, time: ctx.blockTime, caller: ctx.caller.address });
    } },
  },

  endpoints: {
    public: {
      /** GET timestamp?hash=<hex>: { hash, timestamp, proof }; timestamp is null if unknown (proven). */
      timestamp(ctx, query) {
        const hash = contentHash(query.hash);
        return { hash, timestamp: timestamps(ctx).get(hash) ?? null, proof: ctx.prove('timestamps', hash) };
      },
    },
  },
};
