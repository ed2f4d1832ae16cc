// The API a JavaScript service sees in Polyhost's JavaScript runtime (runtime id 2).
//
// An artifact is an ES module file (.mjs) in the node's artifacts directory, or a bundle of several
// modules (below). The module declares its identity and exports its service object:
//
//   export const artifact = { name: "wallet", version: "1.0.0" };
//   export const service = {
//     initialize(ctx, params) { ctx.storage.entry("owner").set(ctx.caller.address); },
//     transactions: {
//       transfer: { id: 0, run(ctx, args) { ... } },   // args decoded as JSON by default
//     },
//   };
//
// The deploy spec (JsDeploySpecProto in js_runtime.proto) names the file and its SHA-256; the name
// and version declared here must equal the requested artifact id.
//
// A bundle is a folder, or a zip of one, holding polyhost-bundle.json and the modules:
//
//   wallet-2.0.0/polyhost-bundle.json   {"name": "wallet", "version": "2.0.0", "main": "src/index.mjs"}
//   wallet-2.0.0/src/index.mjs          the main module: export const artifact/service/migrations
//   wallet-2.0.0/src/lib/accounts.mjs   imported as './lib/accounts.mjs'
//
// Modules import each other by relative (or /polyhost-bundle/...) paths; nothing outside the bundle
// can be imported. Paths are ASCII (letters, digits, . _ @ + -, no hidden files or links), at most
// 1000 files and 8 MiB in all. The bundle's SHA-256 covers its paths and contents only, so a folder
// and its zip hash alike (exact definition in js_runtime.proto).
//
// Rules of the sandbox:
// - Service code is synchronous: returning a Promise fails the call. Promise jobs still run, and
//   count as gas, before the call returns.
// - Gas: every call (transaction, hook, constructor) may run at most N statements of the service's
//   own code (JsLimits.statementsPerCall, 1,000,000 by default, the same on every node). Beyond that
//   the call fails with runtime error 0 ("out of gas"), which the service cannot catch.
// - State lives in storage only. Module-level variables and pending promise callbacks last at most
//   one block: every block starts from the module as loaded (and so does a call after running out
//   of gas), so that a node that restarted computes exactly what the others do.
// - Regular expressions with backreferences (\1, \k<name>) throw a SyntaxError when matched: they
//   need a backtracking matcher whose running time gas cannot bound. Everything else matches in
//   linear time.
// - Stack depth is not deterministic (it depends on each node's JVM), so a call during which the
//   stack overflows (deep recursion, long chains of proxies or bound functions) stops the block on
//   the node instead of failing the transaction, even if the service catches the RangeError: keep
//   recursion shallow. JSON.parse refuses text nested deeper than 1,000 levels and JSON.stringify
//   objects nested that deep, with a RangeError that is the same on every node. JSON arguments and
//   stored JSON values are nested at most 256 levels deep.
// - Date.now() and new Date() are the block time; Math.random() is seeded from the transaction hash
//   (or, in hooks, from the instance, height and hook); time zone UTC, locale en-US.
// - Math.sin, cos, tan, asin, acos, atan, atan2, exp, expm1, log, log10, log1p, cbrt, sinh, cosh,
//   tanh, pow and hypot are computed by java.lang.StrictMath (identical on every node);
//   Math.log2, acosh, asinh and atanh throw. The ** operator is not covered: prefer Math.pow.
// - Gone: eval, Function(string), WeakRef, FinalizationRegistry, SharedArrayBuffer, Atomics, Intl,
//   performance, load, print, Java, Polyglot and every other host or IO access. console.log goes to
//   the node log tagged with the service.
// - Intrinsics and the global object are frozen. Assigning name/message/toString/constructor on
//   your own objects and errors still works.
// - A stored value is at most 1 MiB, a key at most 4 KiB.

/** Raw bytes. */
type Bytes = Uint8Array;

/** How values (and transaction arguments) are turned into stored bytes. */
type ValueCodec = "json" | "string" | "bytes";
/** How keys are turned into stored bytes (UTF-8 text or raw bytes). */
type KeyCodec = "string" | "bytes";

declare global {
  /**
   * Fails the call with a service error: kind "service", the given code (an integer from 0 to
   * 2^31-1, part of consensus) and message (not part of consensus). Subclass it freely. Any other
   * uncaught exception fails the call as "unexpected" (code 0). Either way the dispatcher rolls
   * back the call's writes.
   */
  class ExecutionError extends Error {
    constructor(code: number, message?: string);
    readonly code: number;
  }

  /**
   * Thrown by ctx.call when the callee fails. Left uncaught, the callee's own error becomes the
   * result of this call. After a failed child call the service's data is closed for the rest of
   * this call (the dispatcher records "incorrect call" if the call then succeeds).
   */
  /** Thrown by a read endpoint to answer with an HTTP error status (400-599) and a message. */
  class EndpointError extends Error {
    constructor(status: number, message?: string);
    readonly status: number;
  }

  class CallError extends Error {
    readonly kind: "unexpected" | "core" | "runtime" | "service" | "common";
    readonly code: number;
  }
}

/** The exports of an artifact module. */
export interface ArtifactModule {
  artifact: { name: string; version: string };
  service: Service;
  /** How this artifact takes over the data of older versions; absent: it cannot. */
  migrations?: Migrations;
}

/**
 * Data migrations, with the Java runtime's rules. To bring data of version d to this artifact, the
 * node runs the first script whose `to` is above d; if there is none, the data is taken over as it
 * is (a fast-forward). Data older than `from` or newer than the artifact cannot be migrated. The
 * scripts' `to` versions must increase strictly, stay above `from` and not exceed the artifact's
 * own version; the deploy fails otherwise.
 *
 *   export const migrations = {
 *     from: "1.0.0",
 *     scripts: [{ to: "2.0.0", run(ctx) {
 *       for (const [owner, balance] of ctx.oldData.proofMap("balances").entries()) {
 *         ctx.newData.proofMap("wallets").put(owner, { balance });
 *       }
 *       ctx.createTombstone("balances");
 *     } }],
 *   };
 *
 * A script runs on every node, in the background, in a fresh context of the new artifact. It must
 * be deterministic, like a transaction: Date.now() is 0, Math.random() is seeded from the instance
 * and the versions. Gas (the call's statement limit) and the wall-clock watchdog apply to each
 * segment between two ctx.merge() calls and are refilled by every merge, so a long migration must
 * merge regularly (about once a second) and keep its progress in the scratchpad, because a node
 * that restarts runs the script again from its last merge. Throwing, or running out of gas, fails
 * the migration with that message; the supervisor may abort a migration at any time, which stops
 * the script wherever it is.
 */
export interface Migrations {
  /** The oldest data version the scripts start from. */
  from: string;
  scripts: MigrationScript[];
}

export interface MigrationScript {
  /** The data version once the script has run. */
  to: string;
  /** For logs; "migration of <name> to <to>" by default. */
  name?: string;
  run(ctx: MigrationContext): void;
}

export interface MigrationContext {
  /** The instance; its artifact is still the old one. */
  readonly instance: { id: number; name: string; artifact: { name: string; version: string } };
  /** The version of the data before this script. */
  readonly dataVersion: string;
  /** The script's `to`. */
  readonly targetVersion: string;
  /** The data as it was, read-only (writes throw). */
  readonly oldData: Storage;
  /**
   * The migrated data: an index written here replaces the old index of the same name when the
   * migration is flushed; old indexes not written here stay unless tombstoned.
   */
  readonly newData: Storage;
  /** The script's own bookkeeping (e.g. a cursor); erased when the migration ends. */
  readonly scratchpad: Storage;
  /** Removes the old index `name` when the migration is flushed. */
  createTombstone(name: string): void;
  /** Persists the work done so far and refills gas. After an abort it throws, and catching that does not keep the script alive. */
  merge(): void;
}

export interface Service {
  /** How initialize/resume parameters are decoded; "json" by default (empty bytes: undefined). */
  parameters?: ValueCodec;
  /** The constructor, run once when the instance is created. */
  initialize?(ctx: CallContext, params: any): void;
  /** Run when a stopped or frozen instance is resumed. */
  resume?(ctx: CallContext, params: any): void;
  /** Run once per block before its transactions (not in the genesis block). */
  beforeTransactions?(ctx: CallContext): void;
  /** Run once per block after its transactions. */
  afterTransactions?(ctx: CallContext): void;
  /** Node-local, after each committed block: read-only storage, no child calls; errors are logged. */
  afterCommit?(ctx: CommitContext): void;
  /** Transactions by name; each has a unique numeric id by which clients call it. */
  transactions?: Record<string, Transaction>;
  /**
   * Ids of transactions an earlier version of the service had and this one no longer has. A call of
   * such an id fails with common error METHOD_REMOVED (4) instead of NO_SUCH_METHOD (1), so a client
   * learns it needs the newer interface; the ids are published with the interface. An id, once
   * used, must never mean anything else: none of these may be the id of a current transaction.
   */
  removedTransactions?: number[];
  /**
   * Makes the service configurable by the supervisor: the interface "polyhost.Configure", whose
   * method 0 is verify and method 1 is apply (the same ids as Java services). Only the supervisor
   * (instance 0) may call them; anyone else gets common error UNAUTHORIZED_CALLER (2), an unknown
   * method NO_SUCH_METHOD (1), and a service without `configure` NO_SUCH_INTERFACE (0).
   */
  configure?: Configure;
  /**
   * Read endpoints, served by the node under /api/services/<instance name>/<path> with GET: the
   * public ones on the public API, the private ones on the node's private (admin) API. A path is
   * matched exactly ("balance", "wallets/top"): segments of letters, digits, ".", "_", "~" and "-"
   * separated by single slashes, no slash first or last.
   */
  endpoints?: {
    public?: Record<string, Endpoint>;
    private?: Record<string, Endpoint>;
  };
}

/**
 * Answers one GET from the latest committed block; what it returns is sent as JSON with status
 * 200 (undefined as null). Storage is read-only and there are no child calls. Each request runs in
 * a context of its own (not the one transactions run in), under the same gas and watchdog as a
 * transaction; endpoints are node-local, so Date.now() is this node's real time.
 *
 * Failures are answered with a JSON body {"detail": message}: throw new EndpointError(404, "...")
 * for a status of your choice (400-599); an ExecutionError is 400 with its "code" added; any other
 * exception, running out of gas or an answer over 4 Mi characters is 500; the watchdog, or every
 * context of the instance busy (at most 4 answer at once), is 503.
 *
 * @param query the first value of each query parameter (all of them: ctx.queryAll)
 */
export type Endpoint = (ctx: EndpointContext, query: Record<string, string>) => any;

export interface EndpointContext {
  readonly instance: { id: number; name: string; artifact: { name: string; version: string } };
  /** The height of the block whose state is read. */
  readonly height: number;
  readonly scope: "public" | "private";
  /** The path after the instance name, e.g. "wallets/top". */
  readonly path: string;
  /** Every value of each query parameter, in request order. */
  readonly queryAll: Record<string, string[]>;
  /** The service's data as of that block, read-only. */
  readonly storage: Storage;
  /**
   * Proves the values (or the absence) of `keys` in this service's proof map `proofMap`, as of the
   * block being read, up to that block's validators: returns the hex a light client verifies with
   * StateProof.fromHex(hex).verifyMap(validatorKeys), trusting nothing but those keys. By
   * convention put it in a top-level "proof" field of the answer:
   *
   *   wallet(ctx, query) {
   *     return { wallet: ctx.storage.proofMap("wallets").get(query.key) ?? null,
   *              proof: ctx.prove("wallets", query.key) };
   *   }
   *
   * Keys are encoded as the map was opened (options.key, "string" by default); 1 to 1000 keys. The
   * proof covers the stored bytes, so the client decodes the values itself (JSON text by default).
   * A node that cannot prove the state it reads (no certificate for its block) answers 503.
   */
  prove(proofMap: string, keys: string | Bytes | Array<string | Bytes>, options?: { key?: KeyCodec }): string;
  /**
   * Proves the elements at positions from (inclusive) to `to` (exclusive; from + 1 by default, at
   * most 1000 elements) of this service's proof list `proofList`, like prove; positions past the
   * end are proven absent by the list's length. Verify with verifyList.
   */
  proveList(proofList: string, from: number, to?: number): string;
}

export interface Configure {
  /** How the configuration bytes are decoded; "json" by default (empty bytes: undefined). */
  arguments?: ValueCodec;
  /**
   * Checks a proposed configuration; throw (e.g. an ExecutionError) to refuse it. Must not change
   * the service's data: the supervisor verifies when a configuration is proposed, long before it
   * is applied.
   */
  verify(ctx: CallContext, config: any): void;
  /** Applies a configuration the validators agreed on; throwing fails it (writes rolled back). */
  apply(ctx: CallContext, config: any): void;
}

/**
 * A transaction. The node publishes each artifact's transactions (id and name) so clients can
 * build calls; the arguments are the UTF-8 bytes of JSON text (or of a plain string, or raw bytes,
 * as `arguments` says), never a protobuf message, so no argument types are published.
 */
export interface Transaction {
  id: number;
  /** How the argument bytes are decoded; "json" by default (empty bytes: undefined). */
  arguments?: ValueCodec;
  run(ctx: CallContext, args: any): void;
}

export type Caller =
  | { kind: "transaction"; author: string; address: string }
  | { kind: "service"; instanceId: number; address: string }
  | { kind: "blockchain"; address: string };

/**
 * What a hook or transaction is told about its call. Valid only during that call: a context kept
 * in a module variable and read in a later call throws. Its members are read-only getters.
 */
export interface CommitContext {
  readonly instance: { id: number; name: string; artifact: { name: string; version: string } };
  readonly caller: Caller;
  /** Hex SHA-256 of the transaction; null in hooks and constructors. */
  readonly transactionHash: string | null;
  readonly height: number;
  /** Block time in milliseconds since the epoch (null after a commit). */
  readonly blockTime: number | null;
  readonly inGenesis: boolean;
  /** The interface called: "" for the service's own. */
  readonly interface: string;
  readonly storage: Storage;
}

export interface CallContext extends CommitContext {
  readonly blockTime: number;
  /**
   * Calls another service synchronously. target: instance id or name; args encoded with
   * options.arguments ("json" by default). Throws CallError if the callee fails.
   */
  call(
    target: number | string,
    method: number,
    args?: any,
    options?: { interface?: string; fallthrough?: boolean; arguments?: ValueCodec },
  ): void;
}

export interface IndexOptions {
  key?: KeyCodec; // "string" by default
  value?: ValueCodec; // "json" by default
}

/** A page of an iteration: start at `from` (inclusive), at most `limit` (default 100, max 1000). */
export interface Page<K> {
  from?: K;
  limit?: number;
}

/** The service's own data; names are relative to the instance (a.b-c_d, dots separate parts). */
export interface Storage {
  entry(name: string, options?: IndexOptions): Entry;
  proofEntry(name: string, options?: IndexOptions): Entry & Hashed;
  map(name: string, options?: IndexOptions): MapIndex;
  /** Iterates in the order of the SHA-256 of the keys. */
  proofMap(name: string, options?: IndexOptions): MapIndex & Hashed;
  list(name: string, options?: IndexOptions): ListIndex;
  proofList(name: string, options?: IndexOptions): ListIndex & Hashed;
  keySet(name: string, options?: IndexOptions): KeySet;
}

export interface Hashed {
  /** The index's object hash (hex), the value that enters the state hash. */
  hash(): string;
}

export interface Entry {
  get(): any; // undefined when empty
  exists(): boolean;
  set(value: any): void;
  remove(): void;
}

export interface MapIndex {
  get(key: string | Bytes): any; // undefined when absent
  has(key: string | Bytes): boolean;
  put(key: string | Bytes, value: any): void;
  remove(key: string | Bytes): void;
  clear(): void;
  keys(page?: Page<string | Bytes>): Array<string | Bytes>;
  entries(page?: Page<string | Bytes>): Array<[string | Bytes, any]>;
}

export interface ListIndex {
  size(): number;
  get(index: number): any; // undefined when out of range
  push(value: any): void;
  /** Throws when index is out of range. */
  set(index: number, value: any): void;
  pop(): any;
  truncate(size: number): void;
  clear(): void;
  values(page?: Page<number>): any[];
}

export interface KeySet {
  has(key: string | Bytes): boolean;
  add(key: string | Bytes): void;
  remove(key: string | Bytes): void;
  clear(): void;
  keys(page?: Page<string | Bytes>): Array<string | Bytes>;
}
