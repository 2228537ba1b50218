/**
 * What the queue's service tests share: the Redis `.ci/run` starts (APA_TEST_REDIS_URL), a key prefix of their
 * own per test (so a test never sees another's jobs and leaves nothing behind), and the CLI run as child
 * processes (`node --import tsx src/cli.ts …`: one process each, so a kill -9 hits the process doing the work).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Redis } from 'ioredis';
import { PDFDocument } from 'pdf-lib';

const START = 'start one: redis-server --bind 127.0.0.1 --port 6390 --save "" --appendonly no --daemonize yes; export APA_TEST_REDIS_URL=redis://127.0.0.1:6390/0 (.ci/run does both)';

/** The test Redis, checked: unset or unreachable fails the test with a line saying what to start (never a skip). */
export async function testRedisUrl(): Promise<string> {
  const url = process.env.APA_TEST_REDIS_URL;
  if (!url) throw new Error(`APA_TEST_REDIS_URL is not set: the queue tests need Redis; ${START}`);
  const r = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`Redis at APA_TEST_REDIS_URL=${url} does not answer (${(e as Error).message}); ${START}`);
  } finally {
    r.disconnect();
  }
  return url;
}

let n = 0;
export function uniquePrefix(): string {
  return `apa-test-${process.pid}-${Date.now().toString(36)}-${++n}`;
}

/** Delete every key under a test's prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

export interface CliProcess {
  proc: ChildProcessWithoutNullStreams;
  pid: number;
  out(): string;
  err(): string;
  exited: Promise<number | null>;
}

/** Start the CLI; stdout and stderr are collected. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, CI: '1', ...env } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return { proc, pid: proc.pid!, out: () => out, err: () => err, exited };
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCli(args, env);
  const code = await p.exited;
  return { code, stdout: p.out(), stderr: p.err() };
}

/** Start `worker` processes and wait until each has said it is reading the queue. */
export async function startWorkers(count: number, args: string[], env: Record<string, string>): Promise<CliProcess[]> {
  const ws = Array.from({ length: count }, () => startCli(['worker', ...args], env));
  await Promise.all(ws.map((w) => waitFor(() => /reading pages of/.test(w.err()), 120_000, () => `worker ${w.pid} did not start:\n${w.err()}`)));
  return ws;
}

/** SIGTERM (a graceful stop) and wait; SIGKILL whatever is still alive after that. */
export async function stopAll(ps: CliProcess[]): Promise<void> {
  for (const p of ps) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGTERM');
  await Promise.race([Promise.all(ps.map((p) => p.exited)), new Promise((r) => setTimeout(r, 30_000))]);
  for (const p of ps) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `apa-queue-${tag}-`));
}

/** A PDF of some pages of a sample scan (pdf-lib copies the pages' images untouched). */
export async function samplePages(src: string, pages: number[]): Promise<Uint8Array> {
  const from = await PDFDocument.load(fs.readFileSync(src));
  const doc = await PDFDocument.create();
  for (const p of await doc.copyPages(from, pages.map((x) => x - 1))) doc.addPage(p);
  return doc.save();
}

export function workerName(p: CliProcess): string {
  return `${os.hostname()}:${p.pid}`;
}
