import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// The embedded default needs no Redis: the CLI without --queue must not even load the queue's packages.
// A module-resolution hook in the child process refuses bullmq and ioredis; the local ingest must not notice.
describe('without --queue', () => {
  it('ingest runs without loading bullmq or ioredis, and a queue command does load them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-lazy-'));
    fs.writeFileSync(
      path.join(dir, 'hooks.mjs'),
      `export async function resolve(specifier, context, next) {
         if (/^(bullmq|ioredis)(\\/|$)/.test(specifier)) throw new Error('queue package loaded: ' + specifier);
         return next(specifier, context);
       }`,
    );
    fs.writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', path.join(dir, 'register.mjs'), '--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

    const db = path.join(dir, 'a.sqlite');
    const local = run(['ingest', 'samples/bad/not-a-pdf.pdf', '--db', db]);
    expect(local.stderr).not.toMatch(/queue package loaded/);
    expect(local.stderr).toMatch(/not-a-pdf\.pdf: not a PDF/);
    expect(local.status).toBe(1); // the file failed; the batch ran

    // the hook does catch a load: the queue path trips it (proof the check above can fail)
    const queued = run(['queue', 'status', '--queue', 'redis://127.0.0.1:1/0']);
    expect(queued.stderr).toMatch(/queue package loaded: (bullmq|ioredis)/);
  });
});
