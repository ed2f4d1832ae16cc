// The service logic both engines run for JsTransferBenchmark and node-transfer-bench.mjs: wallet
// transfers over an in-memory map holding JSON values, as a JavaScript service keeps them in
// storage (JSON text per key). Accounts and amounts come from a fixed generator, and the number
// of refused transfers is returned, so neither engine can skip work.

export const ACCOUNTS = 1000;

export function makeBank() {
  const bank = new Map();
  for (let i = 0; i < ACCOUNTS; i++) {
    bank.set('wallet-' + i, JSON.stringify({ balance: 1000000, transfers: 0 }));
  }
  return bank;
}

export function transfers(bank, n, seed) {
  let x = seed >>> 0;
  let refused = 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const from = 'wallet-' + (x % ACCOUNTS);
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const to = 'wallet-' + (x % ACCOUNTS);
    const amount = ((x >>> 16) % 100) + 1;
    const a = JSON.parse(bank.get(from));
    if (from === to || a.balance < amount) {
      refused++;
      continue;
    }
    const b = JSON.parse(bank.get(to));
    bank.set(from, JSON.stringify({ balance: a.balance - amount, transfers: a.transfers + 1 }));
    bank.set(to, JSON.stringify({ balance: b.balance + amount, transfers: b.transfers + 1 }));
  }
  return refused;
}
