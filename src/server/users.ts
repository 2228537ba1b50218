/**
 * `apa-ocr users …`: the review app's accounts. A password is never taken from the command line (it would
 * stay in the shell history and the process list): it is asked for twice, unechoed, on a terminal, or read
 * as the first line of standard input when that is not a terminal or with --password-stdin, for scripts:
 *   printf '%s\n' "$PASS" | npm run --silent cli -- users add karim --role reviewer --password-stdin
 */
import os from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB } from '../config.js';
import { openDb, type Db } from '../../db/open.js';
import {
  AccountError,
  createUser,
  listUsers,
  RoleSchema,
  setDisabled,
  setPassword,
  setRole,
  UserNameSchema,
  type UserListing,
} from '../../db/accounts.js';
import { PasswordHasher, PasswordSchema } from './passwords.js';

class UsersUsageError extends Error {}

/** Who ran the command, for the audit. */
const byCli = (): string => {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
};

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsersUsageError(`${what}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/** Where a new password comes from; injectable for tests. */
export interface PasswordSource {
  /** true: read stdin's first line; false: ask on the terminal */
  fromStdin: boolean;
  read(prompt: string): Promise<string>;
}

/** Where the command reads and writes: the process's own streams, or a test's. */
export interface UsersIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (s: string) => void;
  err: (s: string) => void;
}

const processIo: UsersIo = { stdin: process.stdin, out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Read a line from the terminal without showing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && typed === '')) {
          finish();
          reject(new UsersUsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export function consolePasswordSource(forceStdin: boolean, stdin: UsersIo['stdin'] = process.stdin): PasswordSource {
  const fromStdin = forceStdin || !stdin.isTTY;
  return { fromStdin, read: (prompt) => (fromStdin ? readFirstLine(stdin) : promptHidden(prompt)) };
}

/** A new password: typed twice on a terminal, once from stdin. */
export async function newPassword(src: PasswordSource, name: string): Promise<string> {
  const first = await src.read(`Password for ${name}: `);
  if (!src.fromStdin && (await src.read('Again: ')) !== first) throw new UsersUsageError('the two passwords differ; nothing changed');
  const pw = parse(PasswordSchema, first, 'password');
  if (pw.normalize('NFC').trim().toLowerCase() === name.toLowerCase()) throw new UsersUsageError('password: not the account name');
  return pw;
}

export async function addUser(db: Db, rawName: string, rawRole: string, src: PasswordSource, hasher = new PasswordHasher()): Promise<string> {
  const name = parse(UserNameSchema, rawName, 'name');
  const role = parse(RoleSchema, rawRole, '--role (reviewer or admin)');
  const password = await newPassword(src, name);
  const u = createUser(db, { name, role, passwordHash: await hasher.hash(password), by: byCli() });
  return `account ${u.name} (${u.role}) added`;
}

export async function changePassword(db: Db, rawName: string, src: PasswordSource, hasher = new PasswordHasher()): Promise<string> {
  const name = parse(UserNameSchema, rawName, 'name');
  const password = await newPassword(src, name);
  const u = setPassword(db, name, await hasher.hash(password), byCli());
  return `password of ${u.name} changed; its sessions ended`;
}

export function formatUsers(list: UserListing[]): string {
  if (!list.length) return 'no accounts: the review app runs in single-user mode on loopback (users add NAME --role admin creates the first)';
  const rows = [['name', 'role', 'state', 'created', 'last login', 'sessions'], ...list.map((u) => [u.name, u.role, u.disabledAt ? `disabled ${u.disabledAt.slice(0, 10)}` : 'active', u.createdAt.slice(0, 16).replace('T', ' '), u.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? '-', String(u.sessions)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Run one users subcommand against the database, reporting errors as `error: …` with exit code 2. */
async function run(io: UsersIo, dbFile: string, action: (db: Db) => Promise<string> | string): Promise<void> {
  const db = openDb(dbFile);
  try {
    io.out(`${await action(db)}\n`);
  } catch (e) {
    if (!(e instanceof UsersUsageError || e instanceof AccountError)) throw e;
    io.err(`error: ${e.message}\n`);
    process.exitCode = 2;
  } finally {
    db.close();
  }
}

export function registerUsersCommands(program: Command, io: UsersIo = processIo): void {
  const users = program.command('users').description('review app accounts: add, list, disable, enable, passwd, role');
  const dbOpt = ['--db <file>', 'SQLite database', DEFAULT_DB] as const;

  users
    .command('add')
    .description('add an account; the password is asked for (or read from stdin), never given as an argument')
    .argument('<name>')
    .requiredOption('--role <role>', 'reviewer (corrects, marks reviewed) or admin (also sees the audit, reverts corrections)')
    .option('--password-stdin', 'read the password from the first line of stdin (for scripts)', false)
    .option(...dbOpt)
    .action((name: string, o: { role: string; passwordStdin: boolean; db: string }) => run(io, o.db, (db) => addUser(db, name, o.role, consolePasswordSource(o.passwordStdin, io.stdin))));

  users
    .command('list')
    .description('accounts with role, state, last login and open sessions')
    .option('--json', 'print JSON', false)
    .option(...dbOpt)
    .action((o: { json: boolean; db: string }) => run(io, o.db, (db) => (o.json ? JSON.stringify(listUsers(db), null, 1) : formatUsers(listUsers(db)))));

  users
    .command('disable')
    .description('disable an account: its sessions end at once and it cannot log in (its corrections stay, with its name)')
    .argument('<name>')
    .option(...dbOpt)
    .action((name: string, o: { db: string }) => run(io, o.db, (db) => `account ${setDisabled(db, parse(UserNameSchema, name, 'name'), true, byCli()).name} disabled; its sessions ended`));

  users
    .command('enable')
    .description('enable a disabled account again')
    .argument('<name>')
    .option(...dbOpt)
    .action((name: string, o: { db: string }) => run(io, o.db, (db) => `account ${setDisabled(db, parse(UserNameSchema, name, 'name'), false, byCli()).name} enabled`));

  users
    .command('passwd')
    .description('set a new password (asked for, or read from stdin); the account’s sessions end')
    .argument('<name>')
    .option('--password-stdin', 'read the password from the first line of stdin (for scripts)', false)
    .option(...dbOpt)
    .action((name: string, o: { passwordStdin: boolean; db: string }) => run(io, o.db, (db) => changePassword(db, name, consolePasswordSource(o.passwordStdin, io.stdin))));

  users
    .command('role')
    .description('change an account’s role')
    .argument('<name>')
    .argument('<role>', 'reviewer or admin')
    .option(...dbOpt)
    .action((name: string, role: string, o: { db: string }) =>
      run(io, o.db, (db) => {
        const u = setRole(db, parse(UserNameSchema, name, 'name'), parse(RoleSchema, role, 'role (reviewer or admin)'), byCli());
        return `account ${u.name} is now ${u.role}`;
      }),
    );
}
