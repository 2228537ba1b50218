/**
 * Crash safety: `ingest`, `rebuild` and the review server, each killed with SIGKILL at a random moment three
 * times (src/measure/crashHarness.ts; `npm run measure -- crash` runs 20 or more). After each kill the database
 * passes `PRAGMA integrity_check` and holds every file once; after the command is run again it equals the
 * database of a run never interrupted; a correction being saved is wholly there or wholly absent, and one the
 * server acknowledged is there. The OCR is a deterministic stand-in (test/helpers/crashEngine.ts): the property
 * is durability. APA_CRASH_SEED=N replays a run's kill moments.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../samples/generator/prng.js';
import { ingestTrial, rebuildTrial, reference, serveTrial, trialOk, type Reference, type TrialResult } from '../src/measure/crashHarness.js';

const TRIALS = 3;
const seed = Number(process.env.APA_CRASH_SEED ?? Math.floor(Math.random() * 1e9));
const rng = new Rng(seed);
let ref: Reference;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-crash-'));
  ref = await reference(dir, 'small', 15);
  // the uninterrupted run itself: every storable file stored once, the bad ones refused
  expect(ref.snapshot.integrity).toBe('ok');
  expect(Object.keys(ref.snapshot.files)).toHaveLength(7);
  // the same bytes under two names: stored once
  expect(Object.values(ref.snapshot.files).filter((p) => /scan-2(-copy)?\.pdf$/.test(p))).toHaveLength(1);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(r: TrialResult): void {
  const where = `seed ${seed}, ${r.kind} trial ${r.trial}, killed at ${r.killedAtMs?.toFixed(0) ?? '(ended first)'} ms`;
  expect(r.integrity, where).toBe('ok');
  expect(r.duplicates, where).toBe(0);
  expect(r.difference, where).toBeNull();
  if (r.kind === 'serve') {
    expect(r.acknowledgedFound, where).toBe(r.acknowledged);
    expect(r.partial, where).toBe(0);
  }
  expect(trialOk(r)).toBe(true);
}

describe(`killed with SIGKILL at random moments (seed ${seed})`, () => {
  it('ingest: resumed after each kill, the database equals an uninterrupted run', async () => {
    for (let t = 1; t <= TRIALS; t++) check(await ingestTrial(ref, t, rng));
  });

  it('rebuild: run again after each kill, the database equals an uninterrupted rebuild', async () => {
    for (let t = 1; t <= TRIALS; t++) check(await rebuildTrial(ref, t, rng));
  });

  it('serve: killed while saving corrections, every acknowledged one is stored and none is half there', async () => {
    let acknowledged = 0;
    for (let t = 1; t <= TRIALS; t++) {
      const r = await serveTrial(ref, t, rng);
      check(r);
      acknowledged += r.acknowledged ?? 0;
    }
    // the kills came while corrections were being saved, not before the first one
    expect(acknowledged).toBeGreaterThan(0);
  });
});
