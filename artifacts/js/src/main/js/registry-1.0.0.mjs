// A document registry that has every document timestamped by the timestamping service, through a
// child call: registering a title and having its content timestamped happen in one transaction,
// all or nothing. If the timestamping service refuses (the content was timestamped before), the
// registration is rolled back with it, so the registry never holds a document without a timestamp.
export const artifact = { name: 'registry', version: '1.0.0' };

export const Errors = Object.freeze({
  /** Titles are unique: the first registration keeps the title. */
  TITLE_TAKEN: 1,
  INVALID_ARGUMENT: 2,
});

/** The id of the timestamping service's `timestamp` transaction: ids, not names, are its API. */
const TIMESTAMP = 0;
const TITLE = /^[\w .,:;!?'()-]{1,100}$/;
const CONTENT_HASH = /^[0-9a-f]{64}$/;

/** Title → { hash, owner }. */
function documents(ctx) {
  return ctx.storage.proofMap('documents');
}

function invalid(message) {
  return new ExecutionError(Errors.INVALID_ARGUMENT, message);
}

function title(value) {
  if (typeof value !== 'string' || !TITLE.test(value)) {
    throw invalid('title must be 1 to 100 letters, digits, spaces or punctuation, got '
      + JSON.stringify(value ?? null));
  }
  return value;
}

export const service = {
  /**
   * { timestamping? }: the name of the timestamping service instance to call ("timestamping" by
   * default). Kept in storage because module variables last one block at most.
   */
  initialize(ctx, params) {
    const target = params?.timestamping ?? 'timestamping';
    if (typeof target !== 'string' || target === '') {
      throw invalid('timestamping must be the name of a service instance, got ' + JSON.stringify(target));
    }
    ctx.storage.entry('timestamping').set(target);
  },

  transactions: {
    /** { title, hash }: registers content `hash` under `title` and has it timestamped. */
    register: { id: 0, run(ctx, args) {
      const name = title(args?.title);
      const hash = args.hash;
      if (typeof hash !== 'string' || !CONTENT_HASH.test(hash)) {
        throw invalid('hash must be a SHA-256 as 64 lowercase hex digits, got ' + JSON.stringify(hash ?? null));
      }
      if (documents(ctx).has(name)) {
        throw new ExecutionError(Errors.TITLE_TAKEN, 'A document titled "' + name + '" is registered already');
      }
      documents(ctx).put(name, { hash, owner: ctx.caller.address });
      // The callee sees this service as its caller. If it fails, ctx.call throws a CallError;
      // left uncaught, the callee's error (e.g. timestamping's DUPLICATE_TIMESTAMP) becomes this
      // transaction's, and the dispatcher rolls back everything the transaction wrote, the
      // document above included. Catching it would not help: after a failed child call this
      // service's data is closed for the rest of the call.
      ctx.call(ctx.storage.entry('timestamping').get(), TIMESTAMP, { hash, note: name });
    } },
  },

  endpoints: {
    public: {
      /** GET document?title=<title>: { title, document, proof }; document is null if unknown. */
      document(ctx, query) {
        const name = title(query.title);
        return { title: name, document: documents(ctx).get(name) ?? null, proof: ctx.prove('documents', name) };
      },
    },
  },
};
