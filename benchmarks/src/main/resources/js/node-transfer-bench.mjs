// Node.js side of JsTransferBenchmark: the same logic, measured like JMH measures GraalJS
// (warm-up iterations, then measured iterations of a fixed time; transfers per second).
//   node benchmarks/src/main/resources/js/node-transfer-bench.mjs [warmups] [iterations] [seconds]
import { makeBank, transfers } from './transfer-logic.mjs';

const [warmups, iterations, seconds] = process.argv.slice(2).map(Number);
const BATCH = 10000;
const bank = makeBank();
let seed = 1;
let sink = 0;

function iteration() {
  const end = process.hrtime.bigint() + BigInt(Math.round((seconds || 2) * 1e9));
  const start = process.hrtime.bigint();
  let done = 0;
  while (process.hrtime.bigint() < end) {
    sink += transfers(bank, BATCH, seed++);
    done += BATCH;
  }
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

for (let i = 0; i < (warmups ?? 10); i++) {
  console.log(`warm-up ${i + 1}: ${Math.round(iteration())} transfers/s`);
}
const scores = [];
for (let i = 0; i < (iterations ?? 5); i++) {
  scores.push(iteration());
  console.log(`iteration ${i + 1}: ${Math.round(scores[i])} transfers/s`);
}
const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
console.log(`node ${process.version}: ${Math.round(mean)} transfers/s (min ${Math.round(Math.min(...scores))}, max ${Math.round(Math.max(...scores))}); refused ${sink}`);
