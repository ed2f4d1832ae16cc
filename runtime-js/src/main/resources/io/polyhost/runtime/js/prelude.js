// Determinism prelude: evaluated first in every context, before the service API and the service.
// It is a script whose completion value is a control object that only the host holds: the
// service can never reach it, so it cannot reseed the generator or move the clock.
(function prelude(strictMath, stack, seeder) {
  'use strict';

  // Globals that expose nondeterminism (GC timing, shared memory, wall clock, host locale data)
  // or reach outside the sandbox. Deleted, not stubbed: feature tests then fail cleanly.
  for (const name of [
    'WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', 'Intl', 'performance',
    'Graal', 'print', 'printErr', 'load', 'loadWithNewGlobal', 'Polyglot', 'Java', 'Packages',
    'java', 'javax', 'Realm', 'ShadowRealm', 'Temporal', 'quit', 'read', 'readline', 'readbuffer',
    'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'arguments',
  ]) {
    delete globalThis[name];
  }

  // Math.random: sfc32, reseeded for every call from the transaction hash (or the hook's
  // coordinates), so every node draws the same numbers. The seed is fetched from the host when the
  // call first draws a number: most calls never do, and deriving it costs a hash.
  let a = 0, b = 0, c = 0, d = 1;
  let seeded = true;
  function reseed() {
    seeded = true;
    a = seeder.word(0) | 0; b = seeder.word(1) | 0; c = seeder.word(2) | 0; d = seeder.word(3) | 0;
    for (let i = 0; i < 12; i++) { next(); } // mix the seed in
  }
  function random() {
    if (!seeded) {
      reseed();
    }
    return next();
  }
  function next() {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  Object.defineProperty(Math, 'random', {value: random, writable: false, configurable: false});

  // Transcendental functions differ between JDK builds (graaljs.md §5). These are answered by
  // java.lang.StrictMath, whose results the Java specification fixes bit for bit.
  const unary = ['acos', 'asin', 'atan', 'cbrt', 'cos', 'cosh', 'exp', 'expm1', 'log', 'log10',
    'log1p', 'sin', 'sinh', 'tan', 'tanh'];
  for (const name of unary) {
    const f = strictMath[name];
    Object.defineProperty(Math, name, {
      value: {[name](x) { return f(+x); }}[name], writable: false, configurable: false});
  }
  const atan2 = strictMath.atan2, pow = strictMath.pow, hypot2 = strictMath.hypot;
  Object.defineProperty(Math, 'atan2', {
    value: function atan2Strict(y, x) { return atan2(+y, +x); }, writable: false, configurable: false});
  Object.defineProperty(Math, 'pow', {
    value: function powStrict(x, y) {
      const b = +x, e = +y;
      // Java answers 1 where ECMAScript demands NaN.
      return (b === 1 || b === -1) && (e === Infinity || e === -Infinity) ? NaN : pow(b, e);
    }, writable: false, configurable: false});
  Object.defineProperty(Math, 'hypot', {
    value: function hypot(...xs) {
      let r = 0;
      for (const x of xs) { r = hypot2(r, +x); }
      return r;
    }, writable: false, configurable: false});
  // No StrictMath counterpart: banned rather than left to differ between nodes.
  for (const name of ['acosh', 'asinh', 'atanh', 'log2']) {
    Object.defineProperty(Math, name, {
      value: function banned() {
        throw new TypeError('Math.' + name + ' is not available: its result may differ between nodes');
      }, writable: false, configurable: false});
  }

  // Date: the clock is the block time, set by the host before every call. The engine's own clock
  // is already frozen at 0 by js.timer-resolution, so even a bypass of this proxy stays
  // deterministic.
  const RealDate = Date;
  let now = 0;
  Object.defineProperty(RealDate, 'now', {
    value: function now_() { return now; }, writable: false, configurable: false});
  const FrozenDate = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now] : args, newTarget);
    },
    apply() {
      return new RealDate(now).toString();
    },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', {value: FrozenDate, writable: false});
  Object.defineProperty(globalThis, 'Date', {value: FrozenDate, writable: false, configurable: false});

  // Regular expressions: TRegex matches in linear time except for backreferences, which need its
  // backtracking engine, whose steps gas does not count: /^(a|aa)+\1$/ on 40 characters runs for
  // minutes. Every way of matching (test, match, replace, split, ...) goes through the `exec`
  // property, so this check covers regular expression literals too; the pattern is read through
  // the original `source` getter, which a subclass cannot fake.
  const realExec = RegExp.prototype.exec;
  const sourceOf = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  function hasBackreference(pattern) {
    for (let i = 0; i < pattern.length - 1; i++) {
      if (pattern[i] === '\\') {
        const next = pattern[i + 1];
        if ((next >= '1' && next <= '9') || next === 'k') {
          return true;
        }
        i++; // an escaped character, e.g. the second backslash of \\1
      }
    }
    return false;
  }
  // Verdicts by pattern: the scan is runtime code, which gas does not count, so a huge pattern
  // matched again and again is scanned once.
  const verdicts = new Map();
  function refused(pattern) {
    let verdict = verdicts.get(pattern);
    if (verdict === undefined) {
      if (verdicts.size >= 1024) {
        verdicts.clear();
      }
      verdict = hasBackreference(pattern);
      verdicts.set(pattern, verdict);
    }
    return verdict;
  }
  Object.defineProperty(RegExp.prototype, 'exec', {
    value: function exec(string) {
      if (refused(sourceOf.call(this))) {
        throw new SyntaxError('Regular expressions with backreferences (\\1, \\k<name>) are not'
          + ' available: their matching time cannot be bounded by gas');
      }
      return realExec.call(this, string);
    }, writable: true, configurable: true});

  // JSON.parse recurses on the JVM's stack, so how deep a text it can parse depends on the node.
  // Texts nested deeper than JSON.stringify will write (1,000 levels, a fixed limit of GraalJS)
  // are refused here, the same way on every node. If the stack still overflows below that (the
  // call was already deep), GraalJS reports it as an ordinary RangeError; the host is told, and the
  // call becomes a fault of this node instead of a result, even if the service catches the error.
  const realParse = JSON.parse;
  const RealRangeError = RangeError;
  const MAX_JSON_DEPTH = 1000;
  function nestedTooDeep(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) { // a string: brackets inside it do not count
        for (i++; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 0x5c) {
            i++;
          } else if (c === 0x22) {
            break;
          }
        }
      } else if (ch === 0x5b || ch === 0x7b) {
        if (++depth > MAX_JSON_DEPTH) {
          return true;
        }
      } else if (ch === 0x5d || ch === 0x7d) {
        depth--;
      }
    }
    return false;
  }
  Object.defineProperty(JSON, 'parse', {
    value: function parse(text, reviver) {
      const source = String(text);
      if (source.length > MAX_JSON_DEPTH && nestedTooDeep(source)) {
        throw new RealRangeError('JSON text nested deeper than ' + MAX_JSON_DEPTH + ' levels');
      }
      let reviving = false;
      const revive = typeof reviver === 'function'
        ? function (key, value) { reviving = true; return reviver.call(this, key, value); }
        : undefined;
      try {
        return realParse(source, revive);
      } catch (e) {
        // Parsing ends before the first reviver call, so a nesting error before any reviver
        // call comes from the engine, never from the service.
        if (!reviving && e instanceof RealRangeError
            && e.message === 'Cannot parse JSON constructs nested that deep') {
          stack.overflowed();
        }
        throw e;
      }
    }, writable: false, configurable: false});

  return {
    // Before every call: the block time, and the generator to be reseeded from the new call.
    prepare(ms) {
      now = ms;
      seeded = false;
    },
  };
})
