/**
 * The page queue against a real Redis (APA_TEST_REDIS_URL, started by .ci/run) with the CLI run as separate
 * processes: coordinator (`ingest --queue`) and workers (`worker`), as on separate machines.
 *
 * The kill tests use small generated scans and a fake OCR engine in the workers (APA_TEST_ENGINE_MODULE) whose
 * every call takes a set time, so "mid-page" is a moment the test controls; the export test uses real OCR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { Queue } from 'bullmq';
import { ingest } from '../../src/ingest.js';
import { exportJson } from '../../src/export.js';
import { IngestOptionsSchema } from '../../src/config.js';
import { parseQueueUrl } from '../../src/queue/url.js';
import { redisOptions } from '../../src/queue/connection.js';
import { queueName, type PageJob } from '../../src/queue/jobs.js';
import { makeScannedPdf } from '../../samples/bad/make.js';
import { dropPrefix, freePort, runCli, samplePages, startCli, startWorkers, stopAll, testRedisUrl, tmpDir, uniquePrefix, waitFor, workerName, type CliProcess } from './helpers/queue.js';

const FAKE_ENGINE = 'test/services/helpers/slowEngine.ts';

let url: string;
const prefixes: string[] = [];
const running: CliProcess[] = [];

beforeAll(async () => {
  url = await testRedisUrl();
});

afterAll(async () => {
  await stopAll(running);
  for (const p of prefixes) await dropPrefix(url, p);
});

function fakeEnv(dir: string, ms: number): { APA_QUEUE_PREFIX: string } & Record<string, string> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  return { APA_QUEUE_PREFIX: prefix, APA_TEST_ENGINE_MODULE: FAKE_ENGINE, APA_FAKE_OCR_MS: String(ms), APA_FAKE_OCR_LOG: path.join(dir, 'ocr-calls.log') };
}

function ocrCalls(dir: string): string[] {
  const f = path.join(dir, 'ocr-calls.log');
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean) : [];
}

/** What the database holds: files, pages per file, pages stored twice, page errors. */
function stored(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return {
      files: d.prepare('SELECT file_name AS file, page_count AS pages, status FROM submissions ORDER BY file_name').all() as { file: string; pages: number; status: string }[],
      pageRows: (d.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n,
      pagesTwice: d.prepare('SELECT submission_id, page, COUNT(*) AS n FROM pages GROUP BY submission_id, page HAVING n > 1').all(),
      ocrLines: (d.prepare('SELECT COUNT(*) AS n FROM ocr_lines').get() as { n: number }).n,
      errors: d.prepare('SELECT file, page, message FROM errors').all() as { file: string; page: number | null; message: string }[],
    };
  } finally {
    d.close();
  }
}

async function scans(dir: string, pageCounts: number[]): Promise<number> {
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir, { recursive: true });
  // makeScannedPdf(n) gives different bytes for each n: distinct files
  for (const n of pageCounts) fs.writeFileSync(path.join(inDir, `scan-${n}p.pdf`), await makeScannedPdf(n));
  return pageCounts.reduce((a, b) => a + b, 0);
}

function openQueue(prefix: string): Queue<PageJob> {
  const q = new Queue<PageJob>(queueName(), { connection: redisOptions(parseQueueUrl(url)), prefix });
  q.on('error', () => undefined);
  return q;
}

describe('queued ingest on Redis', () => {
  it('through two worker processes gives the same export as a local ingest (real OCR)', async () => {
    const dir = tmpDir('same');
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    // two small files cut from the samples: an Annex 5 table page and a letter page, a one-page cover letter
    fs.writeFileSync(path.join(inDir, 'a.pdf'), await samplePages('samples/pdf/smp_003.pdf', [2, 6]));
    fs.writeFileSync(path.join(inDir, 'b.pdf'), await samplePages('samples/pdf/smp_002.pdf', [1]));
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const env = { APA_QUEUE_PREFIX: prefix };

    const workers = await startWorkers(2, ['--queue', url, '--jobs', '1'], env);
    running.push(...workers);
    const localDb = path.join(dir, 'local.sqlite');
    const queuedDb = path.join(dir, 'queued.sqlite');
    const [local, queued] = await Promise.all([
      ingest([inDir], IngestOptionsSchema.parse({ db: localDb, jobs: 2 })),
      runCli(['ingest', inDir, '--queue', url, '--db', queuedDb], env),
    ]);
    await stopAll(workers);
    expect(local.stored).toBe(2);
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stderr).toMatch(/2 stored, 0 skipped, 0 failed; 3 pages/);
    // both workers read pages: the pages were shared out
    for (const w of workers) expect(w.err(), w.err()).toMatch(/done .*in\/(a|b)\.pdf page \d/);

    const a = exportJson({ db: localDb, out: path.join(dir, 'out-local'), format: 'json' });
    const b = exportJson({ db: queuedDb, out: path.join(dir, 'out-queued'), format: 'json' });
    expect(b.map((f) => path.basename(f))).toEqual(a.map((f) => path.basename(f)));
    for (let i = 0; i < a.length; i++) {
      const la = fs.readFileSync(a[i]!, 'utf8');
      expect(fs.readFileSync(b[i]!, 'utf8'), path.basename(a[i]!)).toBe(la);
    }
    // the comparison has something in it: OCR text and a table's cells
    const doc = JSON.parse(fs.readFileSync(a.find((f) => f.endsWith('a.json'))!, 'utf8')) as { pages: { text: string; tables: { cells: unknown[] }[] }[] };
    expect(doc.pages.map((p) => p.text.length).every((n) => n > 50)).toBe(true);
    expect(doc.pages.flatMap((p) => p.tables).flatMap((t) => t.cells).length).toBeGreaterThan(10);
  });

  it('a worker killed with -9 mid-page: the batch completes, no page lost, none stored twice', async () => {
    const dir = tmpDir('kill-worker');
    const total = await scans(dir, [4, 5, 6]);
    const env = fakeEnv(dir, 1500);
    const db = path.join(dir, 'q.sqlite');
    const [victim, survivor] = await startWorkers(2, ['--queue', url, '--jobs', '1', '--lock-seconds', '6'], env);
    running.push(victim!, survivor!);
    const coordinator = startCli(['ingest', path.join(dir, 'in'), '--queue', url, '--db', db], env);
    running.push(coordinator);

    // kill the victim while it holds a page, after some pages are done
    const queue = openQueue(env.APA_QUEUE_PREFIX);
    const held = { file: '', page: 0 };
    await waitFor(
      async () => {
        if (ocrCalls(dir).length < 2) return false;
        const job = (await queue.getActive()).find((j) => j.processedBy === workerName(victim!));
        if (job) Object.assign(held, { file: job.data.file, page: job.data.page });
        return job !== undefined;
      },
      120_000,
      () => `no page held by the victim worker:\n${victim!.err()}`,
    );
    victim!.proc.kill('SIGKILL');
    const callsAtKill = ocrCalls(dir).length;
    expect(callsAtKill).toBeLessThan(total); // the batch was in the middle

    expect(await coordinator.exited, coordinator.err()).toBe(0);
    await queue.close();
    await stopAll([survivor!]);
    const s = stored(db);
    expect(s.files).toEqual([
      { file: 'scan-4p.pdf', pages: 4, status: 'ok' },
      { file: 'scan-5p.pdf', pages: 5, status: 'ok' },
      { file: 'scan-6p.pdf', pages: 6, status: 'ok' },
    ]);
    expect(s.pageRows).toBe(total);
    expect(s.pagesTwice).toEqual([]);
    expect(s.ocrLines).toBe(total); // one fake line per page: no page's lines stored twice
    expect(s.errors).toEqual([]);
    // the page the victim held was given to the survivor by BullMQ's stalled-job check
    expect(survivor!.err()).toContain(`done ${held.file} page ${held.page} `);
    expect(survivor!.err()).toMatch(/lost its worker; it goes back to the queue/);
  });

  it('a coordinator killed with -9 and run again resumes: stored files skipped, pages read are taken, nothing stored twice', async () => {
    const dir = tmpDir('kill-coordinator');
    const total = await scans(dir, [2, 3, 5, 6]);
    const env = fakeEnv(dir, 700);
    const db = path.join(dir, 'q.sqlite');
    const workers = await startWorkers(2, ['--queue', url, '--jobs', '1'], env);
    running.push(...workers);
    const args = ['ingest', path.join(dir, 'in'), '--queue', url, '--db', db];

    const first = startCli(args, env);
    running.push(first);
    await waitFor(() => /^ok +\S+scan-\dp\.pdf/m.test(first.err()), 120_000, () => `no file stored by the first run:\n${first.err()}`);
    first.proc.kill('SIGKILL');
    await first.exited;
    const before = stored(db).files.length;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(4);
    // the workers read on while no coordinator listens
    await waitFor(() => ocrCalls(dir).length >= total, 120_000, () => `pages not read: ${ocrCalls(dir).length}/${total}`);

    const second = await runCli(args, env);
    await stopAll(workers);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr.match(/^skip .*already stored/gm) ?? []).toHaveLength(before);
    const reused = Number(/(\d+) page\(s\) taken from an earlier run/.exec(second.stderr)?.[1]);
    expect(reused).toBeGreaterThanOrEqual(1);

    const s = stored(db);
    expect(s.files.map((f) => [f.file, f.pages, f.status])).toEqual([
      ['scan-2p.pdf', 2, 'ok'],
      ['scan-3p.pdf', 3, 'ok'],
      ['scan-5p.pdf', 5, 'ok'],
      ['scan-6p.pdf', 6, 'ok'],
    ]);
    expect(s.pageRows).toBe(total);
    expect(s.pagesTwice).toEqual([]);
    expect(s.errors).toEqual([]);
    // nothing was read twice: the rerun took what the workers had read
    expect(ocrCalls(dir)).toHaveLength(total);

    // and nothing is left in Redis for these files
    const status = await runCli(['queue', 'status', '--queue', url, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const st = JSON.parse(status.stdout) as { pages: Record<string, number>; pdfs: { count: number }; rate: { pagesPerMinute15: number } };
    expect(st.pages).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0, readNotStored: 0 });
    expect(st.pdfs.count).toBe(0);
    expect(st.rate.pagesPerMinute15 * 15).toBe(total);
  });

  it('a page that kills its worker three times is stored as a page error naming file and page; the batch goes on', async () => {
    const dir = tmpDir('poison');
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(path.join(dir, 'in', 'good.pdf'), await makeScannedPdf(2));
    // poison.pdf: page 1 an ordinary scan, page 2 a wider one that kills any worker reading it
    const doc = await PDFDocument.create();
    const [p1] = await doc.copyPages(await PDFDocument.load(await makeScannedPdf(1)), [0]);
    doc.addPage(p1!);
    const wide = await sharp({ create: { width: 400, height: 566, channels: 3, background: '#f4f4f4' } })
      .composite([{ input: { create: { width: 300, height: 8, channels: 3, background: '#202020' } }, left: 40, top: 60 }])
      .jpeg()
      .toBuffer();
    doc.addPage([595.2, 842.4]).drawImage(await doc.embedJpg(wide), { x: 0, y: 0, width: 595.2, height: 842.4 });
    fs.writeFileSync(path.join(dir, 'in', 'poison.pdf'), await doc.save());

    const env = { ...fakeEnv(dir, 300), APA_FAKE_OCR_KILL_WIDTH: '300' };
    const db = path.join(dir, 'q.sqlite');
    const args = ['--queue', url, '--jobs', '1', '--lock-seconds', '5'];
    // two workers, restarted when they die (as systemd's Restart=always does)
    const live = await startWorkers(2, args, env);
    running.push(...live);
    let restarts = 0;
    let done = false;
    const supervise = (w: CliProcess) =>
      void w.exited.then(async () => {
        if (done) return;
        restarts++;
        const [next] = await startWorkers(1, args, env);
        running.push(next!);
        live.push(next!);
        supervise(next!);
      });
    live.forEach(supervise);
    const r = await runCli(['ingest', path.join(dir, 'in'), '--queue', url, '--db', db], env);
    done = true;
    await stopAll(live);
    expect(r.code, r.stderr).toBe(0);
    // the poison page was started three times, each time killing its worker (on a crowded machine a third
    // stall can also be a live worker missing its lock renewal: then two)
    expect(restarts).toBeGreaterThanOrEqual(2);
    expect(restarts).toBeLessThanOrEqual(3);
    const s = stored(db);
    expect(s.files).toEqual([
      { file: 'good.pdf', pages: 2, status: 'ok' },
      { file: 'poison.pdf', pages: 2, status: 'partial' },
    ]);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ file: path.join(dir, 'in', 'poison.pdf'), page: 2 });
    expect(s.errors[0]!.message).toMatch(/^not read by the queue's workers after 3 attempts: job stalled more than allowable limit/);
    expect(r.stderr).toContain(`WARN ${path.join(dir, 'in', 'poison.pdf')} page 2: [queue] not read by the queue's workers after 3 attempts`);
  });

  it('an unreachable Redis: one clear error line, exit code 2, nothing written', async () => {
    const dir = tmpDir('unreachable');
    const port = await freePort();
    const db = path.join(dir, 'never.sqlite');
    const address = `redis://127.0.0.1:${port}/0`;
    const commands = [
      ['ingest', 'samples/pdf/smp_001.pdf', '--queue', address, '--db', db],
      ['worker', '--queue', address, '--jobs', '1'],
      ['queue', 'status', '--queue', address],
    ];
    const results = await Promise.all(commands.map((args) => runCli(args)));
    for (const [i, r] of results.entries()) {
      expect(r.code, commands[i]!.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toBe(`error: cannot reach Redis at ${address}: connection refused; start it (e.g. redis-server --bind 127.0.0.1 --port ${port}) or correct --queue`);
      expect(r.stdout).toBe('');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
