/**
 * A Redis guarded as the README says (a password, TLS with a private CA), started here on a free loopback port
 * with a throwaway CA made by openssl: the queue's commands work through it, and each wrong setting is one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { makeScannedPdf } from '../../samples/bad/make.js';
import { freePort, runCli, startWorkers, stopAll, tmpDir, uniquePrefix, waitFor, type CliProcess } from './helpers/queue.js';

const PASSWORD = 'queue-test-Pa55';
let dir: string;
let port: number;
let server: ChildProcess | null = null;
let serverLog = '';
const workers: CliProcess[] = [];

function need(cmd: string, pkg: string): void {
  if (spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error) throw new Error(`${cmd} is not installed: apt-get install ${pkg} (.ci/run installs it)`);
}

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

beforeAll(async () => {
  need('redis-server', 'redis-server');
  need('openssl', 'openssl');
  dir = tmpDir('auth');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=apa-ocr test CA']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  port = await freePort();
  server = spawn('redis-server', [
    '--bind', '127.0.0.1', '--port', '0', '--tls-port', String(port),
    '--tls-cert-file', path.join(dir, 'server.pem'), '--tls-key-file', path.join(dir, 'server.key'),
    '--tls-ca-cert-file', path.join(dir, 'ca.pem'), '--tls-auth-clients', 'no',
    '--requirepass', PASSWORD, '--save', '', '--appendonly', 'no',
  ]);
  server.stdout!.on('data', (d: Buffer) => (serverLog += d.toString()));
  await waitFor(() => /Ready to accept connections/.test(serverLog), 30_000, () => `redis-server with TLS did not start:\n${serverLog}`);
});

afterAll(async () => {
  await stopAll(workers);
  server?.kill('SIGTERM');
});

describe('Redis with a password and TLS (rediss://)', () => {
  it('works with the right password and CA; a wrong password, a missing CA or plain redis:// is one line, exit code 2', async () => {
    const ca = { APA_REDIS_CA: path.join(dir, 'ca.pem') };
    const ok = await runCli(['queue', 'status', '--queue', `rediss://:${PASSWORD}@127.0.0.1:${port}/0`], ca);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`at rediss://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/0, Redis \\d`));
    expect(ok.stdout).not.toContain(PASSWORD);

    const cases: [string, Record<string, string>, RegExp][] = [
      [`rediss://:wrong-one@127.0.0.1:${port}/0`, ca, /refused the user name or password/],
      [`rediss://127.0.0.1:${port}/0`, ca, /needs a password/],
      [`rediss://:${PASSWORD}@127.0.0.1:${port}/0`, {}, /TLS .* failed: .*APA_REDIS_CA/],
      [`redis://:${PASSWORD}@127.0.0.1:${port}/0`, ca, /closed the connection|no answer/],
    ];
    const results = await Promise.all(cases.map(([address, env]) => runCli(['queue', 'status', '--queue', address], env)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0]).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(cases[i]![2]);
      expect(r.stderr).not.toContain(PASSWORD);
      expect(r.stderr).not.toContain('wrong-one');
    });
  });

  it('a queued ingest runs through it, the password given by APA_REDIS_PASSWORD (off the command line)', async () => {
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    fs.writeFileSync(path.join(inDir, 'scan.pdf'), await makeScannedPdf(3));
    const env = {
      APA_REDIS_CA: path.join(dir, 'ca.pem'),
      APA_REDIS_PASSWORD: PASSWORD,
      APA_QUEUE_PREFIX: uniquePrefix(),
      APA_TEST_ENGINE_MODULE: 'test/services/helpers/slowEngine.ts',
    };
    const address = `rediss://127.0.0.1:${port}/0`;
    workers.push(...(await startWorkers(1, ['--queue', address, '--jobs', '2'], env)));
    const db = path.join(dir, 'q.sqlite');
    const r = await runCli(['ingest', inDir, '--queue', address, '--db', db], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 stored, 0 skipped, 0 failed; 3 pages/);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT page_count, status FROM submissions').all()).toEqual([{ page_count: 3, status: 'ok' }]);
    // the run's options are kept in the database without the password
    expect(JSON.stringify(d.prepare('SELECT options_json FROM runs').all())).not.toContain(PASSWORD);
    d.close();
  });
});
