/**
 * `npm run bench -- --queue redis://… [--workers 1,2,3,1x2] [FOLDER…]`: the same folders through a local ingest
 * and through the queue with worker processes on this machine, one run after the other in one process:
 * pages/min, CPU seconds (this process + the workers, from /proc), load average, and the coordinator's own cost
 * per page (checking, assembling and storing results: the single writer, whose ceiling bounds N machines).
 * A worker spec "N" is N processes with --jobs 1; "NxJ" is N processes with --jobs J. Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, type IngestSummary } from '../ingest.js';
import { IngestOptionsSchema } from '../config.js';
import { spawn } from 'node:child_process';

interface Run {
  label: string;
  pages: number;
  seconds: number;
  cpuSeconds: number;
  coordinatorCpu?: number;
  writerMsPerPage?: number;
  writerCpuMsPerPage?: number;
  /** the largest worker's peak resident memory */
  workerPeakMb?: number;
  load: [number, number];
}

interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
}

/** A `worker` process like one on another machine; resolves once it reads the queue. */
function startWorkerProcess(queue: string, jobs: number, env: Record<string, string>): Promise<WorkerProcess> {
  const cli = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'cli.ts');
  const p = spawn(process.execPath, ['--import', 'tsx', cli, 'worker', '--queue', queue, '--jobs', String(jobs)], { env: { ...process.env, ...env } });
  let err = '';
  const exited = new Promise<void>((r) => p.on('close', () => r()));
  return new Promise((resolve, reject) => {
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/reading pages of/.test(err)) resolve({ pid: p.pid!, stop: async () => void (p.kill('SIGTERM'), await exited) });
    });
    p.on('close', (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
  });
}

function procPeakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function procCpuSeconds(pid: number): number {
  // utime + stime of the whole process (all its threads), in clock ticks of 1/100 s on Linux
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / 100;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export async function benchQueue(queue: string, folders: string[], specs: string[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-bench-queue-'));
  const runs: Run[] = [];
  const cores = os.availableParallelism();

  // the coordinator's first use of the queue loads bullmq and ioredis: not a per-page cost, so load them now
  await Promise.all([import('bullmq'), import('ioredis')]);
  let load0 = os.loadavg()[0]!;
  let c0 = cpuNow();
  let t0 = Date.now();
  const local = await ingest(folders, IngestOptionsSchema.parse({ db: path.join(dir, 'local.sqlite'), jobs: cores, force: true }));
  runs.push({ label: `local ingest --jobs ${cores}`, pages: local.pages, seconds: (Date.now() - t0) / 1000, cpuSeconds: cpuNow() - c0, load: [load0, os.loadavg()[0]!] });

  for (const spec of specs) {
    const m = /^(\d+)(?:x(\d+))?$/.exec(spec);
    if (!m) throw new Error(`--workers ${spec}: use N (N worker processes, --jobs 1) or NxJ`);
    const n = Number(m[1]);
    const jobs = Number(m[2] ?? 1);
    const prefix = `apa-bench-${process.pid}-${spec}`;
    const workers: WorkerProcess[] = await Promise.all(Array.from({ length: n }, () => startWorkerProcess(queue, jobs, { APA_QUEUE_PREFIX: prefix })));
    const base = workers.map((w) => procCpuSeconds(w.pid)); // start-up (module loading) is not page work
    load0 = os.loadavg()[0]!;
    c0 = cpuNow();
    t0 = Date.now();
    const prev = process.env.APA_QUEUE_PREFIX;
    process.env.APA_QUEUE_PREFIX = prefix;
    let s: IngestSummary;
    try {
      s = await ingest(folders, IngestOptionsSchema.parse({ db: path.join(dir, `queue-${spec}.sqlite`), force: true, queue }));
    } finally {
      if (prev === undefined) delete process.env.APA_QUEUE_PREFIX;
      else process.env.APA_QUEUE_PREFIX = prev;
    }
    const seconds = (Date.now() - t0) / 1000;
    const coordinatorCpu = cpuNow() - c0;
    const workerCpu = workers.reduce((a, w, i) => a + procCpuSeconds(w.pid) - base[i]!, 0);
    const workerPeakMb = Math.max(...workers.map((w) => procPeakMb(w.pid)));
    await Promise.all(workers.map((w) => w.stop()));
    runs.push({
      label: `queue, ${n} worker process${n > 1 ? 'es' : ''} --jobs ${jobs}`,
      pages: s.pages,
      seconds,
      cpuSeconds: coordinatorCpu + workerCpu,
      coordinatorCpu,
      writerMsPerPage: s.queue ? s.queue.writerMs / Math.max(1, s.pages) : undefined,
      writerCpuMsPerPage: s.queue ? s.queue.writerCpuMs / Math.max(1, s.pages) : undefined,
      workerPeakMb,
      load: [load0, os.loadavg()[0]!],
    });
  }

  const out: string[] = [`${cores} cores; ${folders.join(' ')}; every run reads every page (fresh database, fresh queue prefix)`];
  out.push('run                                   pages   wall s  pages/min  CPU s  CPU s/page  coord CPU s/page  writer ms/page (CPU/wall)  worker peak MB  load avg (start→end)');
  for (const r of runs) {
    out.push(
      `${r.label.padEnd(37)} ${String(r.pages).padStart(5)} ${r.seconds.toFixed(1).padStart(8)} ${((r.pages / r.seconds) * 60).toFixed(1).padStart(10)} ${r.cpuSeconds.toFixed(1).padStart(6)} ${(r.cpuSeconds / Math.max(1, r.pages)).toFixed(2).padStart(11)} ` +
        `${r.coordinatorCpu == null ? '-'.padStart(17) : (r.coordinatorCpu / Math.max(1, r.pages)).toFixed(3).padStart(17)} ${r.writerMsPerPage == null ? '-'.padStart(26) : `${r.writerCpuMsPerPage!.toFixed(0)}/${r.writerMsPerPage.toFixed(0)}`.padStart(26)} ${r.workerPeakMb == null ? '-'.padStart(15) : r.workerPeakMb.toFixed(0).padStart(15)}  ${r.load[0].toFixed(1)}→${r.load[1].toFixed(1)}`,
    );
  }
  const q = runs.filter((r) => r.writerCpuMsPerPage != null);
  if (q.length) {
    const writer = q.reduce((a, r) => a + r.writerCpuMsPerPage!, 0) / q.length;
    const coord = q.reduce((a, r) => a + r.coordinatorCpu! / Math.max(1, r.pages), 0) / q.length;
    out.push(
      `coordinator: writer ${writer.toFixed(0)} ms CPU/page → one coordinator stores at most ~${Math.floor(60_000 / writer)} pages/min; ` +
        `all its work (hashing, uploading, events, storing) ${(coord * 1000).toFixed(0)} ms CPU/page → ~${Math.floor(60 / coord)} pages/min on one core`,
    );
  }
  return out.join('\n');
}
