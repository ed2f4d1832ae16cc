// Freezes every intrinsic reachable from the global object (and the hidden ones such as the
// generator prototypes), so a service can neither monkey-patch the language for itself nor leave
// anything behind for later calls. Evaluated after the service API, before the service.
(function lockdown() {
  'use strict';

  // The "override mistake": on a frozen prototype, `obj.toString = f` throws instead of adding an
  // own property. Turning these few data properties into accessors keeps such assignments
  // working on ordinary objects while the prototype itself stays unchanged.
  function allowOverride(proto, key) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (desc === undefined || !('value' in desc) || !desc.configurable) {
      return;
    }
    const value = desc.value;
    Object.defineProperty(proto, key, {
      get() { return value; },
      set(v) {
        if (this === proto) {
          throw new TypeError('Cannot assign to ' + String(key) + ' of a frozen intrinsic');
        }
        Object.defineProperty(this, key, {value: v, writable: true, enumerable: true, configurable: true});
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
  for (const key of ['constructor', 'toString', 'valueOf', 'toLocaleString']) {
    allowOverride(Object.prototype, key);
  }
  for (const E of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
    AggregateError, globalThis.ExecutionError, globalThis.CallError, globalThis.EndpointError]) {
    for (const key of ['constructor', 'name', 'message', 'toString']) {
      allowOverride(E.prototype, key);
    }
  }

  const roots = [
    globalThis,
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(async function* () {}),
    Object.getPrototypeOf(Int8Array),
    Object.getPrototypeOf([][Symbol.iterator]()),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(''[Symbol.iterator]()),
    Object.getPrototypeOf(/a/[Symbol.matchAll](''))
  ];
  const seen = new Set();
  const pending = roots.slice();
  while (pending.length > 0) {
    const o = pending.pop();
    if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) {
      continue;
    }
    seen.add(o);
    Object.freeze(o);
    pending.push(Object.getPrototypeOf(o));
    for (const key of Reflect.ownKeys(o)) {
      const desc = Object.getOwnPropertyDescriptor(o, key);
      if (desc === undefined) {
        continue;
      }
      if ('value' in desc) {
        pending.push(desc.value);
      } else {
        pending.push(desc.get, desc.set);
      }
    }
  }
  return seen.size;
})
