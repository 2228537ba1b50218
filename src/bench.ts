/**
 * npm run bench [-- FOLDER… --engine wasm|native|both --jobs N --pages N --queue URL]: throughput of the whole
 * pipeline, as a user sees it. Not a timed test.
 *
 * Each folder (default: samples/pdf and ../shared/eval/public when present) is ingested by a fresh
 * `apa-ocr ingest` process per engine, engines alternating so both see the same machine: pages/min from the
 * process's start to its exit (start-up included), CPU s/page (the process and its threads, plus the native
 * tesseract children it waited for), peak RSS of the whole process tree (sampled every 100 ms), and the
 * per-stage profile (median and p90 ms/page of each stage's wall time, from the pages' stored timings).
 *
 * `--pages N`: the memory run: the samples repeated (each copy made a distinct file) up to N pages through one
 * ingest, RSS of the process tree printed at every 100 pages; workers recycled as in a normal run.
 * `--queue URL`: the queue's bench (src/queue/bench.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ingest, collectInputs } from './ingest.js';
import { IngestOptionsSchema } from './config.js';
import { EngineKindSchema } from '../models/ocr.js';
import { prepareEngine } from '../pipeline/ocr/factory.js';

const require = createRequire(import.meta.url);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'wasm' },
    jobs: { type: 'string' },
    pages: { type: 'string' },
    queue: { type: 'string' },
    workers: { type: 'string' },
    child: { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});
const args = z
  .object({
    engine: z.enum(['wasm', 'native', 'both']),
    jobs: z.coerce.number().int().min(1).max(64).default(Number(process.env.BENCH_JOBS ?? os.availableParallelism())),
    pages: z.coerce.number().int().min(1).optional(),
    queue: z.string().optional(),
    workers: z.string().optional(),
    child: z.boolean(),
    db: z.string().optional(),
  })
  .parse(values);

/** CPU seconds of this process (all its threads) and of the children it has waited for (Linux: /proc/self/stat). */
function cpuSeconds(): { self: number; children: number } {
  const u = process.cpuUsage();
  let children = 0;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 16 and 17 of stat (cutime, cstime), counted from after the command name: index 13 and 14
    children = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    children = 0;
  }
  return { self: (u.user + u.system) / 1e6, children };
}

if (args.child) {
  // one ingest in this process; the parent measures it from outside and reads this line at the end
  const engine = EngineKindSchema.parse(args.engine);
  const s = await ingest(positionals, IngestOptionsSchema.parse({ db: args.db, force: true, jobs: args.jobs, engine }));
  const cpu = cpuSeconds();
  process.stdout.write(`${JSON.stringify({ pages: s.pages, failed: s.failed.length, cpu, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}

if (args.queue) {
  // the queue's bench: local ingest against 1, 2, 3 worker processes (src/queue/bench.ts), then stop
  const { benchQueue } = await import('./queue/bench.js');
  const folders = positionals.length ? positionals : ['samples/pdf'];
  process.stdout.write((await benchQueue(args.queue, folders, (args.workers ?? '1,2,3,1x2').split(','))) + '\n');
  process.exit(0);
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]!;
}

/** RSS (MB) of a process and all its descendants now, from /proc; 0 where /proc is not there. */
function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        const kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
      }
    } catch {
      // gone meanwhile
    }
  };
  visit(pid);
  return kb / 1024;
}

interface RunResult {
  engine: string;
  label: string;
  pages: number;
  failed: number;
  wallS: number;
  cpuS: number;
  peakTreeRssMb: number;
  rssSteps: { pages: number; rssMb: number }[];
  stages: Map<string, number[]>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-bench-'));
const tsx = require.resolve('tsx/cli');

/** One ingest in a fresh process, measured from outside: wall from spawn to exit, tree RSS sampled every 100 ms. */
async function runIngest(engine: 'wasm' | 'native', label: string, inputs: string[], stepPages = 0): Promise<RunResult> {
  const db = path.join(tmp, `${label.replace(/\W+/g, '_')}-${engine}.sqlite`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [tsx, 'src/bench.ts', '--child', '--engine', engine, '--jobs', String(args.jobs), '--db', db, ...inputs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  let peak = 0;
  let pagesDone = 0;
  let nextStep = stepPages;
  const rssSteps: RunResult['rssSteps'] = [];
  const sample = setInterval(() => {
    peak = Math.max(peak, treeRssMb(child.pid!));
  }, 100);
  let out = '';
  let errTail = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    errTail = (errTail + d.toString()).slice(-4000);
    for (const m of d.toString().matchAll(/^ok\s+\S.*?: (\d+) pages in/gm)) {
      pagesDone += Number(m[1]);
      while (stepPages && pagesDone >= nextStep) {
        const rss = treeRssMb(child.pid!);
        peak = Math.max(peak, rss);
        rssSteps.push({ pages: nextStep, rssMb: rss });
        process.stderr.write(`  ${engine}: ${nextStep} pages, RSS ${rss.toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
        nextStep += stepPages;
      }
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sample);
  const wallS = (performance.now() - t0) / 1000;
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`bench ingest (${engine}, ${label}) exited ${code}:\n${errTail}`);
  const r = JSON.parse(last) as { pages: number; failed: number; cpu: { self: number; children: number }; maxRssMb: number };
  const stages = new Map<string, number[]>();
  const d = new Database(db, { readonly: true });
  for (const row of d.prepare('SELECT timings_json FROM pages').all() as { timings_json: string }[]) {
    for (const [k, v] of Object.entries(JSON.parse(row.timings_json) as Record<string, number>)) stages.set(k, [...(stages.get(k) ?? []), v]);
  }
  d.close();
  return { engine, label, pages: r.pages, failed: r.failed, wallS, cpuS: r.cpu.self + r.cpu.children, peakTreeRssMb: Math.max(peak, r.maxRssMb), rssSteps, stages };
}

const engines: ('wasm' | 'native')[] = args.engine === 'both' ? ['wasm', 'native'] : [args.engine];
for (const e of engines) process.stderr.write(`engine ${prepareEngine(e)}\n`);
const report: string[] = [];
const fmt = (r: RunResult) =>
  `${r.engine.padEnd(6)} ${String(r.pages).padStart(5)} pages ${r.wallS.toFixed(1).padStart(7)} s  ${((r.pages / r.wallS) * 60).toFixed(1).padStart(6)} pages/min  ${(r.cpuS / r.pages).toFixed(2).padStart(6)} CPU s/page  peak RSS ${r.peakTreeRssMb.toFixed(0).padStart(5)} MB${r.failed ? `  ${r.failed} FAILED` : ''}`;

if (args.pages) {
  // the memory run: distinct copies of the samples (a comment after %%EOF changes the hash, not the pages)
  const dir = path.join(tmp, 'repeat');
  fs.mkdirSync(dir);
  const sources = collectInputs(positionals.length ? positionals : ['samples/pdf']).files;
  const { openPdf } = await import('../pipeline/rasterise/index.js');
  const counts: number[] = [];
  for (const f of sources) {
    const doc = await openPdf(new Uint8Array(fs.readFileSync(f)), f);
    counts.push(doc.pageCount);
    await doc.close();
  }
  let total = 0;
  for (let i = 0; total < args.pages; i++) {
    const k = i % sources.length;
    const bytes = Buffer.concat([fs.readFileSync(sources[k]!), Buffer.from(`\n%apa-bench copy ${i}\n`)]);
    fs.writeFileSync(path.join(dir, `r${String(i).padStart(5, '0')}_${path.basename(sources[k]!)}`), bytes);
    total += counts[k]!;
  }
  for (const e of engines) {
    process.stderr.write(`memory run: ${total} pages (${sources.length} files repeated), ${e}, ${args.jobs} jobs\n`);
    const r = await runIngest(e, 'repeat', [dir], 100);
    report.push(`memory run, ${e}: ${fmt(r)}`);
    report.push(`  RSS at 100-page steps (MB): ${r.rssSteps.map((s) => s.rssMb.toFixed(0)).join(' ')}`);
  }
} else {
  const folders = positionals.length ? positionals : ['samples/pdf', ...(fs.existsSync('../shared/eval/public') ? ['../shared/eval/public'] : [])];
  const results: RunResult[] = [];
  for (const folder of folders) {
    for (const e of engines) {
      process.stderr.write(`${folder}: ${e} …\n`);
      results.push(await runIngest(e, folder, [folder]));
    }
  }
  report.push(`whole pipeline, ${args.jobs} jobs, a fresh process per run (start-up included), ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const folder of folders) {
    report.push(`${folder}:`);
    const rs = results.filter((r) => r.label === folder);
    for (const r of rs) report.push(`  ${fmt(r)}`);
    const [w, n] = [rs.find((r) => r.engine === 'wasm'), rs.find((r) => r.engine === 'native')];
    if (w && n) report.push(`  native/wasm: ${((n.pages / n.wallS) / (w.pages / w.wallS)).toFixed(2)}× pages/min, ${(w.cpuS / w.pages / (n.cpuS / n.pages)).toFixed(2)}× less CPU per page`);
    for (const r of rs) {
      report.push(`  stage ms/page (${r.engine}, wall time of each stage within its page job): median / p90`);
      for (const [k, v] of [...r.stages].sort()) {
        report.push(`    ${k.padEnd(11)} ${quantile(v, 0.5).toFixed(0).padStart(7)} / ${quantile(v, 0.9).toFixed(0).padStart(7)}  (n=${v.length})`);
      }
    }
  }
}
process.stdout.write(report.join('\n') + '\n');
fs.rmSync(tmp, { recursive: true, force: true });
