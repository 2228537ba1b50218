/**
 * Fuzz target: the PDF opener and rasteriser (pipeline/rasterise) over mutations of the project's PDFs
 * (samples/pdf, samples/bad, samples/scanners). Each input runs in a child process (pdfChild.ts); the child
 * dying or taking longer than the per-input time is a failure, its input saved under .tmp/fuzz-crashes/ and
 * the child started again.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from '../../samples/generator/prng.js';
import { mutatePdf } from './mutate.js';
import { count, InFlight, saveInput, type FuzzOptions, type FuzzReport } from './report.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const CHILD = path.join(import.meta.dirname, 'pdfChild.ts');

/** The seeds: every PDF the project keeps, the small ones drawn more often (they rasterise in milliseconds). */
export function pdfSeeds(): { name: string; bytes: Uint8Array; weight: number }[] {
  const seeds: { name: string; bytes: Uint8Array; weight: number }[] = [];
  for (const dir of ['samples/bad', 'samples/scanners', 'samples/pdf']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((x) => x.endsWith('.pdf')).sort()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, dir, f)));
      seeds.push({ name: `${dir}/${f}`, bytes, weight: dir === 'samples/pdf' ? 0.3 : bytes.length > 150_000 ? 0.5 : 1 });
    }
  }
  return seeds;
}

interface Answer {
  id: number;
  outcome: 'ok' | 'input-error' | 'threw' | 'bad-error';
  detail?: string;
}

type Result = Answer | { id: number; outcome: 'crash' | 'hang'; detail: string };

class Runner {
  private child: ChildProcess | null = null;
  private readonly inFlight = new InFlight<Result>();
  private starting: Promise<void> | null = null;
  starts = 0;

  private start(): Promise<void> {
    this.starts++;
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: boolean } & Answer) => {
        if (m.ready) return resolve();
        this.inFlight.answer(m.id, m);
      });
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        this.inFlight.fail((id) => ({ id, outcome: 'crash', detail: `the rasterising process died (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}` }));
        reject(new Error(`fuzz child exited before it was ready (${signal ?? code}): ${stderr}`));
      });
    });
  }

  /** One input; resolves with the child's answer, a crash, or a hang after `timeoutMs`. */
  async run(id: number, bytes: Uint8Array, timeoutMs: number): Promise<Result> {
    if (!this.child) await (this.starting ??= this.start().finally(() => (this.starting = null)));
    const child = this.child!;
    return this.inFlight.ask(id, () => child.send({ id, bytes }), timeoutMs, () => {
      child.kill('SIGKILL');
      if (this.child === child) this.child = null;
      return { id, outcome: 'hang', detail: `no answer within ${timeoutMs} ms` };
    });
  }

  close(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

/** Run given inputs (fuzzing finds, kept as regressions) through the same child; their answers in order. */
export async function runPdfInputs(inputs: Uint8Array[], timeoutMs = 60_000): Promise<{ outcome: string; detail?: string }[]> {
  const runner = new Runner();
  try {
    const out: { outcome: string; detail?: string }[] = [];
    for (const [i, bytes] of inputs.entries()) out.push(await runner.run(i, bytes, timeoutMs));
    return out;
  } finally {
    runner.close();
  }
}

export async function fuzzPdf(opts: FuzzOptions): Promise<FuzzReport> {
  const rng = new Rng(opts.seed);
  const seeds = pdfSeeds();
  const total = seeds.reduce((s, x) => s + x.weight, 0);
  const pickSeed = () => {
    let r = rng.next() * total;
    return seeds.find((s) => (r -= s.weight) < 0) ?? seeds[0]!;
  };
  const report: FuzzReport = { target: 'pdf', inputs: 0, outcomes: {}, failures: [], seconds: 0 };
  const runner = new Runner();
  const t0 = performance.now();
  // the child's start-up (pdfjs, sharp) is not fuzzing time
  await runner.run(-1, seeds[0]!.bytes, 120_000);
  const tFuzz = performance.now();
  try {
    for (let id = 0; performance.now() - tFuzz < opts.seconds * 1000; id++) {
      const seed = pickSeed();
      const { bytes, how } = mutatePdf(seed.bytes, rng, () => pickSeed().bytes);
      const a = await runner.run(id, bytes, opts.timeoutMs ?? 30_000);
      report.inputs++;
      count(report.outcomes, a.outcome);
      if (a.outcome !== 'ok' && a.outcome !== 'input-error') {
        const note = `${a.outcome}: ${a.detail ?? ''}\nfrom ${seed.name} by ${how.join(', ')} (fuzz seed ${opts.seed}, input ${id})`;
        report.failures.push({ kind: a.outcome, detail: (a.detail ?? '').split('\n')[0]!, saved: saveInput('pdf', bytes, note, opts.crashDir) });
      }
    }
  } finally {
    runner.close();
  }
  report.seconds = (performance.now() - t0) / 1000;
  report.outcomes['child starts'] = runner.starts;
  return report;
}
