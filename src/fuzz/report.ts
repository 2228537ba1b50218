/** What a fuzzing target reports, and where failing inputs are kept for replay. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const CRASH_DIR = path.join(import.meta.dirname, '..', '..', '.tmp', 'fuzz-crashes');

export type FailureKind =
  /** an exception other than the stage's own error type escaped */
  | 'threw'
  /** an error came back that does not say what it should (one line, naming the file and page) */
  | 'bad-error'
  /** no answer within the per-input time */
  | 'hang'
  /** the process running the input died */
  | 'crash'
  /** the server answered 5xx */
  | 'server-error';

export interface FuzzFailure {
  kind: FailureKind;
  detail: string;
  /** the input, saved under .tmp/fuzz-crashes/ */
  saved: string;
}

export interface FuzzReport {
  target: string;
  inputs: number;
  /** inputs per outcome, e.g. {ok: 812, 'input-error': 388} */
  outcomes: Record<string, number>;
  failures: FuzzFailure[];
  seconds: number;
}

/** What every target takes. */
export interface FuzzOptions {
  /** fuzzing time, start-up not counted */
  seconds: number;
  seed: number;
  /** per-input deadline */
  timeoutMs?: number;
  /** where failing inputs go @default .tmp/fuzz-crashes */
  crashDir?: string;
}

/** Save a failing input (bytes as they were, anything else as JSON) in `dir` and return its path. */
export function saveInput(target: string, input: Uint8Array | unknown, note: string, dir = CRASH_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const bytes = input instanceof Uint8Array ? input : Buffer.from(JSON.stringify(input, null, 1));
  const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const file = path.join(dir, `${target}-${hash}${input instanceof Uint8Array ? '.pdf' : '.json'}`);
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(`${file}.txt`, note + '\n');
  return file;
}

export function count(outcomes: Record<string, number>, key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

/**
 * One input in flight to a child process or worker: `ask` sends it and resolves with the answer the message
 * handler passes to `answer`, with `fail`'s value if the process dies, or with `onTimeout`'s after the deadline
 * (which should kill the process: a hung one cannot be asked again).
 */
export class InFlight<A> {
  private pending: { id: number; resolve: (a: A) => void } | null = null;

  ask(id: number, send: () => void, timeoutMs: number, onTimeout: () => A): Promise<A> {
    return new Promise<A>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve(onTimeout());
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      };
      send();
    });
  }

  /** the answer to input `id`; ignored when that input is no longer awaited */
  answer(id: number | undefined, a: A): void {
    if (this.pending && this.pending.id === id) this.settle(a);
  }

  /** whatever is in flight ends with `a` (the process died) */
  fail(make: (id: number) => A): void {
    if (this.pending) this.settle(make(this.pending.id));
  }

  private settle(a: A): void {
    const p = this.pending!;
    this.pending = null;
    p.resolve(a);
  }
}
