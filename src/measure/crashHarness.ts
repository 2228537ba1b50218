/**
 * Crash safety, proven by killing: `ingest`, `rebuild` and the review server run as child processes
 * (test/helpers/crash-child.ts, the real code with a deterministic stand-in for OCR) and are killed with SIGKILL
 * at a random moment; then the database must pass `PRAGMA integrity_check`, hold every file once, and — after
 * the interrupted command is run again — equal a database whose run was never interrupted. A correction the
 * server was saving when it died is either wholly there or wholly absent; one it acknowledged is there.
 *
 * Used by test/crash.test.ts (3 trials of each) and `npm run measure -- crash` (20 or more).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { exportSubmission, listSubmissionIds, stats } from '../../db/queries.js';
import { makeScannedPdf } from '../../samples/bad/make.js';
import { Rng } from '../../samples/generator/prng.js';
import { CrashEngine } from '../../test/helpers/crashEngine.js';
import { IngestOptionsSchema } from '../config.js';
import { ingest, rebuild } from '../ingest.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const CHILD = path.join(ROOT, 'test', 'helpers', 'crash-child.ts');

export type CrashKind = 'ingest' | 'rebuild' | 'serve';

export interface Child {
  proc: ChildProcess;
  /** resolves with the first stdout line starting with the prefix (rejects if the child exits first) */
  line(prefix: string): Promise<string>;
  /** resolves when a stderr line matches (ingest's per-file progress lines) */
  errLine(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startChild(args: string[], ocrMs: number): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    env: { ...process.env, APA_CRASH_FAKE_OCR: '1', APA_CRASH_OCR_MS: String(ocrMs), CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const l = out.split('\n').find((x) => x.startsWith(w.prefix));
      if (l !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  };
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    check();
  });
  const errWaiters: { pattern: RegExp; resolve: () => void }[] = [];
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-20_000);
    for (const w of [...errWaiters]) {
      if (d.split('\n').some((l) => w.pattern.test(l))) {
        errWaiters.splice(errWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    proc.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code ?? signal}) before printing "${w.prefix}": ${err.slice(-2000)}`));
      resolve({ code, signal, stderr: err });
    });
  });
  return {
    proc,
    exited,
    errLine: (pattern) => new Promise<void>((resolve) => errWaiters.push({ pattern, resolve })),
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ prefix, resolve, reject });
        check();
      }),
  };
}

/**
 * The folder every trial ingests: the hostile files of samples/bad (refused, each recorded as a failure), small
 * scans, a file whose page 2 is broken, and the same bytes under two names (stored once). `full` adds the scanner
 * fixtures (samples/scanners), a heavier batch for the measuring tool.
 */
export async function buildCorpus(dir: string, size: 'small' | 'full'): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['not-a-pdf.pdf', 'truncated.pdf', 'encrypted.pdf', 'zero-pages.pdf', 'broken-page.pdf', 'blank-page.pdf']) {
    fs.copyFileSync(path.join(ROOT, 'samples', 'bad', f), path.join(dir, f));
  }
  for (let n = 1; n <= 5; n++) fs.writeFileSync(path.join(dir, `scan-${n}.pdf`), await makeScannedPdf(n));
  fs.copyFileSync(path.join(dir, 'scan-2.pdf'), path.join(dir, 'scan-2-copy.pdf'));
  if (size === 'full') {
    for (const f of fs.readdirSync(path.join(ROOT, 'samples', 'scanners')).filter((x) => x.endsWith('.pdf'))) {
      fs.copyFileSync(path.join(ROOT, 'samples', 'scanners', f), path.join(dir, f));
    }
  }
  return dir;
}

/** What must not change when a run is interrupted and resumed: everything stored, nothing about when. */
export interface Snapshot {
  integrity: string;
  /** stored files by sha256 → path; one row per sha256 is the schema's promise, checked here anyway */
  files: Record<string, string>;
  duplicates: number;
  exports: Record<string, unknown>;
  stats: unknown;
  /** OCR lines and table cells, which the export summarises: their digest */
  rowsDigest: string;
}

export function snapshot(dbFile: string): Snapshot {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const subs = db.prepare('SELECT sha256, path FROM submissions ORDER BY sha256').all() as { sha256: string; path: string }[];
    const duplicates = (db.prepare('SELECT COUNT(*) n FROM (SELECT sha256 FROM submissions GROUP BY sha256 HAVING COUNT(*) > 1)').get() as { n: number }).n;
    const exports: Record<string, unknown> = {};
    for (const id of listSubmissionIds(db)) {
      const e = exportSubmission(db, id);
      exports[e.sourcePdf] = e;
    }
    const h = crypto.createHash('sha256');
    for (const r of db
      .prepare(
        `SELECT s.sha256, l.page, l.line_no, l.text, l.conf, l.x0, l.y0, l.x1, l.y1, l.words_json FROM ocr_lines l
           JOIN submissions s ON s.id = l.submission_id ORDER BY s.sha256, l.page, l.line_no`,
      )
      .iterate()) {
      h.update(JSON.stringify(r));
    }
    for (const r of db
      .prepare(
        `SELECT s.sha256, t.page, t.idx, c.r, c.c, c.text, c.conf FROM cells c JOIN tables t ON t.id = c.table_id
           JOIN submissions s ON s.id = t.submission_id ORDER BY s.sha256, t.page, t.idx, c.r, c.c`,
      )
      .iterate()) {
      h.update(JSON.stringify(r));
    }
    return { integrity, files: Object.fromEntries(subs.map((s) => [s.sha256, s.path])), duplicates, exports, stats: stats(db), rowsDigest: h.digest('hex') };
  } finally {
    db.close();
  }
}

/** The first difference between two JSON values, as a path and the two sides (null when equal). */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

export interface TrialResult {
  kind: CrashKind;
  trial: number;
  /** ms after the child was ready that it was killed; null when it finished first */
  killedAtMs: number | null;
  /** what the killed run had stored when it died (files; submissions rebuilt; corrections), to show kills landed mid-work */
  storedAtKill: number;
  integrity: string;
  duplicates: number;
  /** null: the resumed database equals the uninterrupted one */
  difference: string | null;
  /** serve only: corrections acknowledged (201) before the kill, and how many of them were found */
  acknowledged?: number;
  acknowledgedFound?: number;
  /** serve only: corrections found that are not whole (a row whose derived state disagrees) */
  partial?: number;
}

export interface Reference {
  dir: string;
  corpus: string;
  db: string;
  /** ms from the first file an ingest finished to the last, in the uninterrupted run */
  ingestSpanMs: number;
  rebuildMs: number;
  snapshot: Snapshot;
  rebuilt: Snapshot;
  ocrMs: number;
}

/** A complete ingest, in this process: the same `ingest()` the child runs, with the same stand-in for OCR. */
export async function ingestInProcess(db: string, corpus: string, ocrMs: number): Promise<number> {
  const t0 = performance.now();
  let first: number | null = null;
  const write = process.stderr.write.bind(process.stderr);
  // ingest's per-file lines go to stderr: time the first one, show none
  process.stderr.write = ((chunk: string | Uint8Array) => {
    first ??= performance.now();
    void chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    await ingest([corpus], IngestOptionsSchema.parse({ db, jobs: 2 }), () => new CrashEngine(ocrMs));
  } finally {
    process.stderr.write = write;
  }
  return performance.now() - (first ?? t0);
}

/** One uninterrupted ingest (and a rebuild of a copy of its database): what every trial must end up equal to. */
export async function reference(dir: string, size: 'small' | 'full', ocrMs: number): Promise<Reference> {
  const corpus = await buildCorpus(path.join(dir, 'corpus'), size);
  const db = path.join(dir, 'reference.sqlite');
  const ingestSpanMs = await ingestInProcess(db, corpus, ocrMs);
  const snap = snapshot(db);
  const rebuiltDb = path.join(dir, 'reference-rebuilt.sqlite');
  copyDb(db, rebuiltDb);
  const t0 = performance.now();
  rebuild(rebuiltDb);
  const rebuildMs = performance.now() - t0;
  return { dir, corpus, db, ingestSpanMs, rebuildMs, snapshot: snap, rebuilt: snapshot(rebuiltDb), ocrMs };
}

/** A closed database's file (and its WAL, if any) copied elsewhere. */
function copyDb(from: string, to: string): void {
  for (const ext of ['', '-wal', '-shm']) {
    if (fs.existsSync(from + ext)) fs.copyFileSync(from + ext, to + ext);
    else fs.rmSync(to + ext, { force: true });
  }
}

function countStored(dbFile: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) n FROM sqlite_master WHERE name = 'submissions'").get() as { n: number }).n
      ? (db.prepare('SELECT COUNT(*) n FROM submissions').get() as { n: number }).n
      : 0;
  } finally {
    db.close();
  }
}

/**
 * Start `args` and kill it with SIGKILL `at` ms after it is ready (or after its first stderr line matching
 * `after`), unless it ends first. Returns ms from that moment to the kill, or null when it ended first.
 */
async function killAt(args: string[], ocrMs: number, at: number, after?: RegExp): Promise<number | null> {
  const c = startChild(args, ocrMs);
  await c.line('ready');
  const ended = c.exited.then(() => 'ended' as const);
  if (after) await Promise.race([c.errLine(after), ended]);
  const t0 = performance.now();
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), at);
  const r = await c.exited;
  clearTimeout(timer);
  if (r.signal === 'SIGKILL') return performance.now() - t0;
  if (r.code !== 0 && r.code !== 1) throw new Error(`${args[0]} failed on its own (${r.code}): ${r.stderr.slice(-2000)}`);
  return null;
}

function compare(kind: CrashKind, trial: number, killedAtMs: number | null, storedAtKill: number, got: Snapshot, want: Snapshot): TrialResult {
  const difference =
    firstDifference(got.files, want.files) ??
    firstDifference(got.exports, want.exports) ??
    firstDifference(got.stats, want.stats) ??
    (got.rowsDigest === want.rowsDigest ? null : 'OCR lines or table cells differ');
  return { kind, trial, killedAtMs, storedAtKill, integrity: got.integrity, duplicates: got.duplicates, difference };
}

/** Kill an ingest at a random moment of its run, run it again, compare with the uninterrupted run. */
export async function ingestTrial(ref: Reference, trial: number, rng: Rng): Promise<TrialResult> {
  const db = path.join(ref.dir, `ingest-${trial}.sqlite`);
  // from the first file done (bad files fail fast) to a little past the last: every store is a possible victim
  const at = rng.next() * ref.ingestSpanMs * 1.1;
  const killedAtMs = await killAt(['ingest', db, ref.corpus], ref.ocrMs, at, /^(ok|FAIL|skip|part|fail)/);
  const storedAtKill = countStored(db);
  const afterKill = snapshot(db);
  if (afterKill.integrity !== 'ok') return compare('ingest', trial, killedAtMs, storedAtKill, afterKill, ref.snapshot);
  await ingestInProcess(db, ref.corpus, ref.ocrMs);
  return compare('ingest', trial, killedAtMs, storedAtKill, snapshot(db), ref.snapshot);
}

/** Submissions the latest run (the killed rebuild) had stored again. */
function countRebuilt(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) n FROM submissions WHERE run_id = (SELECT MAX(id) FROM runs)').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Kill a rebuild of the reference database at a random moment, run it again, compare with an uninterrupted rebuild. */
export async function rebuildTrial(ref: Reference, trial: number, rng: Rng): Promise<TrialResult> {
  const db = path.join(ref.dir, `rebuild-${trial}.sqlite`);
  copyDb(ref.db, db);
  // the warm reference's length: the cold child takes longer, so most kills land mid-rebuild
  const at = rng.next() * ref.rebuildMs;
  const killedAtMs = await killAt(['rebuild', db], ref.ocrMs, at);
  const rebuiltAtKill = countRebuilt(db);
  const afterKill = snapshot(db);
  if (afterKill.integrity !== 'ok' || afterKill.duplicates) return compare('rebuild', trial, killedAtMs, rebuiltAtKill, afterKill, ref.rebuilt);
  rebuild(db);
  return compare('rebuild', trial, killedAtMs, rebuiltAtKill, snapshot(db), ref.rebuilt);
}

interface SentCorrection {
  body: Record<string, unknown>;
  sha256: string;
  acknowledgedId: number | null;
}

/**
 * Start the review server over a copy of the reference database, post corrections (metadata fields, page
 * sections, review marks) four at a time, and kill the server at a random moment while they are being saved.
 * Then: the database is intact; every acknowledged correction is stored; every correction found is whole (the
 * trigger-kept `current_submissions` agrees with the live view); and the export of each submission is what its
 * stored corrections make of it, computed again from scratch.
 */
export async function serveTrial(ref: Reference, trial: number, rng: Rng): Promise<TrialResult> {
  const db = path.join(ref.dir, `serve-${trial}.sqlite`);
  copyDb(ref.db, db);
  const ids = (() => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare('SELECT id, sha256, page_count FROM submissions ORDER BY id').all() as { id: number; sha256: string; page_count: number }[];
    } finally {
      d.close();
    }
  })();
  const c = startChild(['serve', db], ref.ocrMs);
  await c.line('ready');
  const url = (await c.line('listening ')).slice('listening '.length).trim();
  // the open mode (loopback, no accounts) still wants the page's CSRF token on every write
  const session = (await (await fetch(`${url}api/session`)).json()) as { csrf?: string | null };
  if (!session.csrf) throw new Error(`the server at ${url} gave no CSRF token`);
  const csrf = session.csrf;
  const sent: SentCorrection[] = [];
  let stop = false;
  const makeBody = (k: number): { id: number; sha256: string; path: string; body: Record<string, unknown> } => {
    const s = ids[Math.floor(rng.next() * ids.length)]!;
    // the marker in `reason` finds each sent correction again after the kill (writers are named by the server)
    const reason = `crash-${trial}-${k}`;
    const pick = rng.next();
    if (pick < 0.45) {
      const q = 1 + Math.floor(rng.next() * 4);
      return { ...s, path: 'corrections', body: { target: 'meta', field: 'quarter', raw: String(q), reason } };
    }
    if (pick < 0.8) {
      return { ...s, path: 'corrections', body: { target: 'meta', field: 'office.name', raw: `উপজেলা সমবায় কার্যালয় ${k}`, reason } };
    }
    if (pick < 0.9) {
      return { ...s, path: 'corrections', body: { target: 'page', page: 1, section: 'letter', subtype: 'cover_letter', reason } };
    }
    return { ...s, path: 'review', body: { reviewed: rng.next() < 0.7 } };
  };
  let k = 0;
  let failure: Error | null = null;
  const worker = async () => {
    while (!stop) {
      const m = makeBody(k++);
      const entry: SentCorrection = { body: m.body, sha256: m.sha256, acknowledgedId: null };
      if (m.path === 'corrections') sent.push(entry);
      try {
        const r = await fetch(`${url}api/submissions/${m.id}/${m.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: url.replace(/\/$/, ''), 'x-csrf-token': csrf },
          body: JSON.stringify(m.body),
        });
        const j = (await r.json().catch(() => null)) as { correction?: { id: number } } | null;
        if (r.status === 201 && j?.correction) entry.acknowledgedId = j.correction.id;
        else if (r.status >= 300) throw new Error(`server answered ${r.status}: ${JSON.stringify(j)}`);
      } catch (e) {
        if (stop) return;
        // a refused write is a broken harness, not a crash finding: stop waiting for an acknowledgement now
        failure ??= e instanceof Error ? e : new Error(String(e));
        stop = true;
        return;
      }
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  // once the server is warm (its first answer), kill it within the next 400 ms of saving
  const deadline = Date.now() + 60_000;
  while (!failure && !sent.some((x) => x.acknowledgedId !== null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (failure) {
    c.proc.kill('SIGKILL');
    await Promise.allSettled(workers);
    await c.exited;
    throw failure;
  }
  const at = rng.next() * 400;
  await new Promise((r) => setTimeout(r, at));
  stop = true;
  c.proc.kill('SIGKILL');
  await Promise.allSettled(workers);
  await c.exited;

  const d = new Database(db, { readonly: true });
  try {
    const integrity = (d.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const stored = new Map(
      (d.prepare("SELECT id, sha256, target, field, new_raw, reason FROM corrections WHERE reason LIKE 'crash-%'").all() as {
        id: number;
        sha256: string;
        target: string;
        field: string;
        new_raw: string;
        reason: string | null;
      }[]).map((r) => [r.reason!, r]),
    );
    const acknowledged = sent.filter((s) => s.acknowledgedId !== null);
    const acknowledgedFound = acknowledged.filter((s) => stored.get(String(s.body.reason))?.id === s.acknowledgedId).length;
    let partial = 0;
    for (const s of sent) {
      const row = stored.get(String(s.body.reason));
      if (!row) continue;
      const whole = row.sha256 === s.sha256 && row.target === s.body.target && row.field === (s.body.target === 'page' ? 'section' : s.body.field) && (row.reason ?? undefined) === s.body.reason;
      if (!whole) partial++;
    }
    // the trigger-kept table must agree with the live view it copies, correction by correction
    const drift = (
      d
        .prepare(
          `SELECT COUNT(*) n FROM v_submissions_live v LEFT JOIN current_submissions c ON c.submission_id = v.submission_id
            WHERE c.submission_id IS NULL OR c.quarter IS NOT v.quarter OR c.office_name IS NOT v.office_name
               OR c.meta_corrected IS NOT v.meta_corrected OR c.reviewed_at IS NOT v.reviewed_at`,
        )
        .get() as { n: number }
    ).n;
    partial += drift;
    // and every export still builds
    for (const id of listSubmissionIds(d)) exportSubmission(d, id);
    return {
      kind: 'serve',
      trial,
      killedAtMs: at,
      storedAtKill: stored.size,
      integrity,
      duplicates: 0,
      difference: drift ? `current_submissions disagrees with v_submissions_live on ${drift} submission(s)` : null,
      acknowledged: acknowledged.length,
      acknowledgedFound,
      partial,
    };
  } finally {
    d.close();
  }
}

/** Whether a trial proves what it must. */
export function trialOk(r: TrialResult): boolean {
  if (r.integrity !== 'ok' || r.duplicates !== 0 || r.difference !== null) return false;
  if (r.kind === 'serve') return r.acknowledged === r.acknowledgedFound && r.partial === 0;
  return true;
}
