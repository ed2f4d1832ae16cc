// The service API: the objects JavaScript services see (see polyhost.d.ts). Evaluated after the
// prelude; its completion value is a function of the host bridges (calls, and storage for the
// service's data and a migration's old, new and scratch data) and the prelude's control, returning
// the host's handles (invoke, classify), which the service never sees.
(function serviceApi(host, serviceStore, oldStore, newStore, scratchStore, control) {
  'use strict';

  const MAX_CODE = 0x7fffffff;

  class ExecutionError extends Error {
    #code;
    constructor(code, message) {
      if (!Number.isInteger(code) || code < 0 || code > MAX_CODE) {
        throw new TypeError('An ExecutionError code is an integer from 0 to ' + MAX_CODE + ', got ' + String(code));
      }
      super(message === undefined ? '' : String(message));
      this.#code = code;
    }
    get code() { return this.#code; }
    static isExecutionError(e) {
      return typeof e === 'object' && e !== null && #code in e;
    }
    static codeOf(e) {
      return e.#code;
    }
  }
  Object.defineProperty(ExecutionError.prototype, 'name', {value: 'ExecutionError', writable: true, configurable: true});
  // The code the error was made with, whatever a subclass's `code` getter claims.
  const executionErrorCodeOf = ExecutionError.codeOf;
  delete ExecutionError.codeOf;

  class CallError extends Error {
    #token;
    #kind;
    #code;
    constructor(token, kind, code, message) {
      super(message);
      this.#token = token;
      this.#kind = kind;
      this.#code = code;
    }
    get kind() { return this.#kind; }
    get code() { return this.#code; }
    static tokenOf(e) {
      return typeof e === 'object' && e !== null && #token in e ? e.#token : -1;
    }
  }
  Object.defineProperty(CallError.prototype, 'name', {value: 'CallError', writable: true, configurable: true});
  const callErrorTokenOf = CallError.tokenOf;
  delete CallError.tokenOf;

  class EndpointError extends Error {
    #status;
    constructor(status, message) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new TypeError('An EndpointError status is an HTTP error status from 400 to 599, got ' + String(status));
      }
      super(message === undefined ? '' : String(message));
      this.#status = status;
    }
    get status() { return this.#status; }
    static statusOf(e) {
      return typeof e === 'object' && e !== null && #status in e ? e.#status : 0;
    }
  }
  Object.defineProperty(EndpointError.prototype, 'name', {value: 'EndpointError', writable: true, configurable: true});
  const endpointStatusOf = EndpointError.statusOf;
  delete EndpointError.statusOf;

  class MalformedArguments extends Error {}

  Object.defineProperty(globalThis, 'ExecutionError', {value: ExecutionError, writable: false, configurable: false});
  Object.defineProperty(globalThis, 'CallError', {value: CallError, writable: false, configurable: false});
  Object.defineProperty(globalThis, 'EndpointError', {value: EndpointError, writable: false, configurable: false});

  // Codecs turn JavaScript values into what the host stores: strings (UTF-8) or ArrayBuffers, and
  // safe integers, which the host writes as JSON text. Reading one value, the host is given the
  // codec and answers a JSON integer of up to 15 digits with the number itself.
  function encode(value, codec, what) {
    switch (codec) {
      case 'json': {
        if (typeof value === 'number' && Number.isSafeInteger(value)) {
          // The host writes it as JSON.stringify would (-0 as 0), without the string on this side.
          return value === 0 ? '0' : value;
        }
        const text = JSON.stringify(value);
        if (text === undefined) {
          throw new TypeError(what + ' cannot be stored as JSON: ' + String(value));
        }
        if (text.length > 256) { // a shorter text cannot be nested deeper than 256 levels
          host.checkJson(text);
        }
        return text;
      }
      case 'string':
        if (typeof value !== 'string') {
          throw new TypeError(what + ' must be a string, got ' + typeof value);
        }
        return value;
      case 'bytes':
        if (!(value instanceof Uint8Array)) {
          throw new TypeError(what + ' must be a Uint8Array');
        }
        return value.slice().buffer;
      default:
        throw new TypeError('Unknown codec ' + String(codec) + '; use "json", "string" or "bytes"');
    }
  }
  function decode(raw, codec) {
    if (raw === null || raw === undefined) {
      return undefined;
    }
    switch (codec) {
      case 'json': return typeof raw === 'number' ? raw : parseJson(raw);
      case 'bytes': return Uint8Array.from(raw);
      default: return raw;
    }
  }
  // JSON.parse, with shortcuts for the commonest texts: an integer of up to 15 digits in JSON's own
  // form, and a flat object (typical arguments) whose keys and string values are printable ASCII
  // without escapes and whose values are such strings, such integers, true, false or null. The
  // shortcuts give exactly what JSON.parse gives; anything else, or any doubt, goes to JSON.parse,
  // whose general parser is several times slower on such small texts.
  const objectPrototype = Object.prototype;
  function parseJson(raw) {
    const n = raw.length;
    if (integerEnd(raw, 0, n) === n) {
      return Number(raw);
    }
    if (n > 1 && n <= 1024 && raw.charCodeAt(0) === 123) {
      const flat = flatObject(raw, n);
      if (flat !== undefined) {
        return flat;
      }
    }
    return JSON.parse(raw);
  }
  // Where a JSON integer of up to 15 digits starting at `i` ends, or -1 if there is none.
  function integerEnd(raw, i, n) {
    const first = i < n && raw.charCodeAt(i) === 45 ? i + 1 : i;
    let j = first;
    while (j < n) {
      const c = raw.charCodeAt(j);
      if (c < 48 || c > 57) {
        break;
      }
      j++;
    }
    const digits = j - first;
    return digits === 0 || digits > 15 || (digits > 1 && raw.charCodeAt(first) === 48) ? -1 : j;
  }
  function skipSpace(raw, i, n) {
    while (i < n) {
      const c = raw.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
        break;
      }
      i++;
    }
    return i;
  }
  // Where a string of printable ASCII without escapes starting at `i` ends (after its closing
  // quote), or -1.
  function plainStringEnd(raw, i, n) {
    if (i >= n || raw.charCodeAt(i) !== 34) {
      return -1;
    }
    for (let j = i + 1; j < n; j++) {
      const c = raw.charCodeAt(j);
      if (c === 34) {
        return j + 1;
      }
      if (c < 32 || c > 126 || c === 92) {
        return -1;
      }
    }
    return -1;
  }
  function flatObject(raw, n) {
    const out = {};
    let i = skipSpace(raw, 1, n);
    if (i < n && raw.charCodeAt(i) === 125) {
      return skipSpace(raw, i + 1, n) === n ? out : undefined;
    }
    for (;;) {
      const keyEnd = plainStringEnd(raw, i, n);
      if (keyEnd < 0) {
        return undefined;
      }
      const key = raw.slice(i + 1, keyEnd - 1);
      // JSON.parse defines own properties; assigning one that Object.prototype has (a frozen
      // method, or the __proto__ accessor) would fail or set the prototype instead.
      if (key in objectPrototype) {
        return undefined;
      }
      i = skipSpace(raw, keyEnd, n);
      if (i >= n || raw.charCodeAt(i) !== 58) {
        return undefined;
      }
      i = skipSpace(raw, i + 1, n);
      const c = i < n ? raw.charCodeAt(i) : 0;
      let value;
      if (c === 34) {
        const e = plainStringEnd(raw, i, n);
        if (e < 0) {
          return undefined;
        }
        value = raw.slice(i + 1, e - 1);
        i = e;
      } else if (c === 116 && raw.startsWith('true', i)) {
        value = true;
        i += 4;
      } else if (c === 102 && raw.startsWith('false', i)) {
        value = false;
        i += 5;
      } else if (c === 110 && raw.startsWith('null', i)) {
        value = null;
        i += 4;
      } else {
        const e = integerEnd(raw, i, n);
        if (e < 0) {
          return undefined;
        }
        value = Number(raw.slice(i, e));
        i = e;
      }
      out[key] = value;
      i = skipSpace(raw, i, n);
      const sep = i < n ? raw.charCodeAt(i) : 0;
      if (sep === 44) {
        i = skipSpace(raw, i + 1, n);
      } else if (sep === 125) {
        return skipSpace(raw, i + 1, n) === n ? out : undefined;
      } else {
        return undefined;
      }
    }
  }
  function checkCodec(codec, allowed, what) {
    if (!allowed.includes(codec)) {
      throw new TypeError(what + ' codec must be one of ' + allowed.join(', ') + ', got ' + String(codec));
    }
    return codec;
  }
  function options(opts, keyed) {
    const o = opts === undefined ? {} : opts;
    return {
      key: keyed ? checkCodec(o.key === undefined ? 'string' : o.key, ['string', 'bytes'], 'Key') : 'string',
      value: checkCodec(o.value === undefined ? 'json' : o.value, ['json', 'string', 'bytes'], 'Value'),
    };
  }
  function page(opts) {
    const o = opts === undefined ? {} : opts;
    const limit = o.limit === undefined ? 100 : o.limit;
    return {from: o.from, limit};
  }
  function pairs(flat, keyCodec, valueCodec) {
    const out = [];
    for (let i = 0; i < flat.length; i += 2) {
      out.push([decode(flat[i], keyCodec), decode(flat[i + 1], valueCodec)]);
    }
    return out;
  }

  // An index object opened without options, kept for later calls (the objects are frozen and hold
  // no state): most services open the same few indexes in every call.
  function kept(cache, open, kind, name) {
    if (typeof name !== 'string') {
      return open(kind, name, undefined);
    }
    let index = cache.get(name);
    if (index === undefined) {
      if (cache.size >= 256) {
        cache.clear();
      }
      index = open(kind, name, undefined);
      cache.set(name, index);
    }
    return index;
  }

  // The index objects over one host storage bridge.
  function storageOf(store) {
    function entry(kind, name, opts) {
      const o = options(opts, false);
      const e = {
        get() { return decode(store.entryGet(kind, name, o.value), o.value); },
        exists() { return store.entryExists(kind, name); },
        set(v) { store.entrySet(kind, name, encode(v, o.value, 'Value')); },
        remove() { store.entryRemove(kind, name); },
      };
      if (kind === 'proofEntry') {
        e.hash = () => store.hash(kind, name);
      }
      return Object.freeze(e);
    }
    function map(kind, name, opts) {
      const o = options(opts, true);
      const key = (k) => encode(k, o.key, 'Key');
      const from = (p) => p.from === undefined ? null : key(p.from);
      const m = {
        get(k) { return decode(store.mapGet(kind, name, key(k), o.value), o.value); },
        has(k) { return store.mapHas(kind, name, key(k)); },
        put(k, v) { store.mapPut(kind, name, key(k), encode(v, o.value, 'Value')); },
        remove(k) { store.mapRemove(kind, name, key(k)); },
        clear() { store.clear(kind, name); },
        keys(p) {
          const q = page(p);
          return Array.from(store.mapKeys(kind, name, from(q), q.limit, o.key === 'bytes'), (k) => decode(k, o.key));
        },
        entries(p) {
          const q = page(p);
          return pairs(store.mapEntries(kind, name, from(q), q.limit, o.key === 'bytes', o.value === 'bytes'), o.key, o.value);
        },
      };
      if (kind === 'proofMap') {
        m.hash = () => store.hash(kind, name);
      }
      return Object.freeze(m);
    }
    function list(kind, name, opts) {
      const o = options(opts, false);
      const l = {
        size() { return store.listSize(kind, name); },
        get(i) { return decode(store.listGet(kind, name, i, o.value), o.value); },
        push(v) { store.listPush(kind, name, encode(v, o.value, 'Value')); },
        set(i, v) { store.listSet(kind, name, i, encode(v, o.value, 'Value')); },
        pop() { return decode(store.listPop(kind, name, o.value), o.value); },
        truncate(n) { store.listTruncate(kind, name, n); },
        clear() { store.clear(kind, name); },
        values(p) {
          const q = page(p);
          const start = q.from === undefined ? 0 : q.from;
          return Array.from(store.listValues(kind, name, start, q.limit, o.value === 'bytes'), (v) => decode(v, o.value));
        },
      };
      if (kind === 'proofList') {
        l.hash = () => store.hash(kind, name);
      }
      return Object.freeze(l);
    }
    function keySet(name, opts) {
      const o = options(opts, true);
      const key = (k) => encode(k, o.key, 'Key');
      return Object.freeze({
        has(k) { return store.setHas(name, key(k)); },
        add(k) { store.setAdd(name, key(k)); },
        remove(k) { store.setRemove(name, key(k)); },
        clear() { store.clear('keySet', name); },
        keys(p) {
          const q = page(p);
          const from = q.from === undefined ? null : key(q.from);
          return Array.from(store.setKeys(name, from, q.limit, o.key === 'bytes'), (k) => decode(k, o.key));
        },
      });
    }
    const entries = new Map(), proofEntries = new Map(), maps = new Map(), proofMaps = new Map();
    const lists = new Map(), proofLists = new Map(), keySets = new Map();
    const keySetOf = (kind, name, opts) => keySet(name, opts);
    return Object.freeze({
      entry: (name, opts) => opts === undefined ? kept(entries, entry, 'entry', name) : entry('entry', name, opts),
      proofEntry: (name, opts) => opts === undefined
        ? kept(proofEntries, entry, 'proofEntry', name) : entry('proofEntry', name, opts),
      map: (name, opts) => opts === undefined ? kept(maps, map, 'map', name) : map('map', name, opts),
      proofMap: (name, opts) => opts === undefined
        ? kept(proofMaps, map, 'proofMap', name) : map('proofMap', name, opts),
      list: (name, opts) => opts === undefined ? kept(lists, list, 'list', name) : list('list', name, opts),
      proofList: (name, opts) => opts === undefined
        ? kept(proofLists, list, 'proofList', name) : list('proofList', name, opts),
      keySet: (name, opts) => opts === undefined ? kept(keySets, keySetOf, 'keySet', name) : keySet(name, opts),
    });
  }
  const storage = storageOf(serviceStore);
  const oldData = storageOf(oldStore);
  const newData = storageOf(newStore);
  const scratchpad = storageOf(scratchStore);

  function childCall(target, method, args, opts) {
    const o = opts === undefined ? {} : opts;
    const codec = checkCodec(o.arguments === undefined ? 'json' : o.arguments, ['json', 'string', 'bytes'], 'Arguments');
    const encoded = args === undefined && codec === 'json' ? '' : encode(args, codec, 'Arguments');
    const byName = typeof target === 'string';
    if (!byName && !Number.isInteger(target)) {
      throw new TypeError('A call target is an instance id (integer) or name (string), got ' + String(target));
    }
    if (!Number.isInteger(method) || method < 0 || method > MAX_CODE) {
      throw new TypeError('A method id is an integer from 0 to ' + MAX_CODE + ', got ' + String(method));
    }
    const token = host.call(byName ? target : '', byName ? -1 : target, o.interface === undefined ? '' : String(o.interface),
      method, encoded, o.fallthrough === true);
    if (token >= 0) {
      const failure = JSON.parse(host.childFailure(token));
      throw new CallError(token, failure.kind, failure.code, failure.description);
    }
  }

  // The information of call `number`, from the host. A context object kept past its call gets an
  // error here instead of another call's information.
  function callInfo(number) {
    return JSON.parse(host.info(number));
  }

  // The contexts of hooks (after a commit: no child calls) and of transactions. The information
  // is fetched when first read, as most calls only use the storage. The members are getters of
  // frozen prototypes, so they are read-only and a context costs one allocation per call.
  class CommitContext {
    #number;
    #info;
    constructor(number) {
      this.#number = number;
    }
    #read() {
      if (this.#info === undefined) {
        this.#info = callInfo(this.#number);
      }
      return this.#info;
    }
    get instance() { return this.#read().instance; }
    get caller() { return this.#read().caller; }
    get transactionHash() { return this.#read().transactionHash; }
    get height() { return this.#read().height; }
    get blockTime() { return this.#read().blockTime; }
    get inGenesis() { return this.#read().inGenesis; }
    get interface() { return this.#read().interface; }
    get storage() { return storage; }
  }
  class CallContext extends CommitContext {
    call(target, method, args, opts) {
      childCall(target, method, args, opts);
    }
  }
  for (const c of [CommitContext, CallContext]) {
    Object.freeze(c.prototype);
    Object.freeze(c);
  }

  function migrationContext(info) {
    return Object.freeze({
      instance: info.instance,
      dataVersion: info.dataVersion,
      targetVersion: info.targetVersion,
      oldData,
      newData,
      scratchpad,
      createTombstone(name) { host.createTombstone(String(name)); },
      merge() { host.merge(); },
    });
  }

  // Proofs of what an endpoint answers, from the same state it reads (see polyhost.d.ts).
  function prove(name, keys, opts) {
    const o = options(opts, true);
    const list = Array.isArray(keys) ? keys : [keys];
    return host.proveMap(String(name), list.map((k) => encode(k, o.key, 'Key')));
  }
  function proveList(name, from, to) {
    const end = to === undefined ? from + 1 : to;
    if (!Number.isSafeInteger(from) || from < 0 || !Number.isSafeInteger(end) || end <= from) {
      throw new TypeError('ctx.proveList takes a position from 0 and, optionally, an end after it; got '
        + String(from) + ', ' + String(to));
    }
    return host.proveList(String(name), from, end);
  }

  function endpointContext(info) {
    return Object.freeze({
      instance: info.instance,
      height: info.height,
      scope: info.scope,
      path: info.path,
      queryAll: info.query,
      storage,
      prove,
      proveList,
    });
  }

  // Runs one entry point of the module. Throws what the service throws; the host classifies it.
  // Returns the JSON answer of a read endpoint, nothing for the other entry points.
  // `clock` is the call's time in milliseconds, `number` the host's number of the call.
  function invoke(exports, kind, name, raw, codec, clock, number) {
    control.prepare(clock);
    if (kind === 'endpoint') {
      const info = callInfo(number);
      const endpoints = exports.service.endpoints[info.scope];
      // Own data properties even for a parameter named __proto__.
      const query = Object.fromEntries(Object.entries(info.query).map(([k, v]) => [k, v[0]]));
      const result = endpoints[name].call(endpoints, endpointContext(info), query);
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        throw new TypeError('Endpoint ' + name + ' returned a Promise; service code must be synchronous');
      }
      const json = JSON.stringify(result);
      return json === undefined ? 'null' : json;
    }
    if (kind === 'migration') {
      const script = exports.migrations.scripts[Number(name)];
      const result = script.run(migrationContext(callInfo(number)));
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        throw new TypeError('A migration script returned a Promise; scripts must be synchronous');
      }
      return;
    }
    const service = exports.service;
    let target, fn;
    if (kind === 'transaction') {
      target = service.transactions[name];
      fn = target.run;
    } else if (kind === 'configure') {
      target = service.configure;
      fn = target[name];
    } else {
      target = service;
      fn = service[kind];
      if (typeof fn !== 'function') {
        return;
      }
    }
    let args;
    try {
      args = raw === '' && codec === 'json' ? undefined : decode(raw, codec);
    } catch (e) {
      throw new MalformedArguments(e instanceof Error ? e.message : String(e));
    }
    const result = kind === 'afterCommit'
      ? fn.call(target, new CommitContext(number))
      : fn.call(target, new CallContext(number), args);
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      throw new TypeError(kind + ' ' + name + ' returned a Promise; service code must be synchronous');
    }
  }

  // What a thrown value is, for the host: [type, code, message]. Type is "service" (an
  // ExecutionError), "call" (a CallError: code is its token), "arguments", "endpoint" (an
  // EndpointError: code is its status) or "other".
  function classify(e) {
    if (ExecutionError.isExecutionError(e)) {
      return ['service', executionErrorCodeOf(e), String(e.message)];
    }
    const token = callErrorTokenOf(e);
    if (token >= 0) {
      return ['call', token, ''];
    }
    if (e instanceof MalformedArguments) {
      return ['arguments', 0, String(e.message)];
    }
    const status = endpointStatusOf(e);
    if (status > 0) {
      return ['endpoint', status, String(e.message)];
    }
    return ['other', 0, ''];
  }

  return {invoke, classify};
})
