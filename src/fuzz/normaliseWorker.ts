/**
 * Calls the normaliser's public functions for src/fuzz/normalise.ts, one input at a time, in a worker thread:
 * a regular expression that backtracks for ever blocks this thread, not the fuzzer's, which then terminates it.
 */
import { parentPort } from 'node:worker_threads';
import * as normalise from '../../pipeline/normalise/index.js';

const functions = Object.fromEntries(Object.entries(normalise).filter(([, v]) => typeof v === 'function')) as Record<string, (...a: unknown[]) => unknown>;

parentPort!.on('message', (m: { id: number; fn: string; args: unknown[] }) => {
  const t0 = performance.now();
  try {
    const out = functions[m.fn]!(...m.args);
    // a result must survive the trip to JSON (it is stored and exported): no cycles, no BigInt
    JSON.stringify(out);
    parentPort!.postMessage({ id: m.id, outcome: 'ok', ms: performance.now() - t0 });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, outcome: 'threw', detail: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e), ms: performance.now() - t0 });
  }
});
parentPort!.postMessage({ ready: true, names: Object.keys(functions).sort() });
