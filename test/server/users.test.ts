/**
 * `users …`: accounts with scrypt hashes, passwords never from argv, disabling and new passwords end sessions,
 * every change in the audit; and the serve command's refusal to go on the network with nobody to answer.
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../db/open.js';
import { countUsers, createSession, DEFAULT_SESSION_LIMITS, findUser, listUsers, setDisabled, setRole } from '../../db/accounts.js';
import { Command } from 'commander';
import { addUser, changePassword, formatUsers, registerUsersCommands, type PasswordSource } from '../../src/server/users.js';
import { PasswordHasher } from '../../src/server/passwords.js';
import { assertSafeToServe, UnsafeServeError } from '../../src/server/cli.js';

const cheap = new PasswordHasher({ logN: 10, r: 8, p: 1 });
const stdin = (line: string): PasswordSource => ({ fromStdin: true, read: async () => line });
/** A terminal: the password typed, then typed again. */
const terminal = (...lines: string[]): PasswordSource => ({ fromStdin: false, read: async () => lines.shift() ?? '' });
const sessions = (db: ReturnType<typeof openDb>, name: string) => listUsers(db).find((u) => u.name === name)!.sessions;

describe('users', () => {
  it('adds an account with a salted scrypt hash that carries its parameters', async () => {
    const db = openDb(':memory:');
    expect(await addUser(db, 'Karim', 'reviewer', stdin('karim is a reviewer'))).toBe('account Karim (reviewer) added');
    await addUser(db, 'Rahim', 'reviewer', stdin('karim is a reviewer'), new PasswordHasher({ logN: 10, r: 8, p: 3 }));
    const k = findUser(db, 'karim')!;
    expect(k.role).toBe('reviewer');
    // the default cost: N = 2^15, r = 8, p = 3; the same password hashes differently for another account (salt)
    expect(k.passwordHash).toMatch(/^scrypt\$15\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(findUser(db, 'Rahim')!.passwordHash.split('$')[4]).not.toBe(k.passwordHash.split('$')[4]);
    const hasher = new PasswordHasher();
    expect(await hasher.verify('karim is a reviewer', k.passwordHash)).toBe(true);
    expect(await hasher.verify('karim is a reviewer', 'plain text')).toBe(false);
    expect(db.prepare("SELECT kind, name, by, detail FROM account_events WHERE name = 'Karim'").get()).toEqual({ kind: 'user-added', name: 'Karim', by: `cli:${os.userInfo().username}`, detail: 'role reviewer' });
  });

  it.each([
    ['a name with a colon (reserved for token: and local:)', 'token:x', 'admin', stdin('a good long password'), /name/],
    ['a blank name', '  ', 'admin', stdin('a good long password'), /name/],
    ['an unknown role', 'Nasrin', 'owner', stdin('a good long password'), /--role/],
    ['a short password', 'Nasrin', 'admin', stdin('short'), /at least 10/],
    ['the name as password', 'Nasrin Akter', 'admin', stdin('nasrin akter'), /not the account name/],
    ['two different passwords typed', 'Nasrin', 'admin', terminal('a good long password', 'a good long passwordd'), /differ/],
  ])('refuses %s, adding nothing', async (_what, name, role, src, message) => {
    const db = openDb(':memory:');
    await expect(addUser(db, name, role, src, cheap)).rejects.toThrow(message);
    expect(countUsers(db)).toBe(0);
  });

  it('refuses a second account of the same name, whatever its case', async () => {
    const db = openDb(':memory:');
    await addUser(db, 'Karim', 'reviewer', stdin('a good long password'), cheap);
    await expect(addUser(db, 'KARIM', 'admin', stdin('a good long password'), cheap)).rejects.toThrow(/exists already/);
    expect(countUsers(db)).toBe(1);
  });

  it('disabling an account or changing its password ends its sessions; every change is in the audit', async () => {
    const db = openDb(':memory:');
    await addUser(db, 'Karim', 'reviewer', terminal('a good long password', 'a good long password'), cheap);
    const id = findUser(db, 'Karim')!.id;
    createSession(db, id, DEFAULT_SESSION_LIMITS, Date.now(), null);
    expect(sessions(db, 'Karim')).toBe(1);
    setDisabled(db, 'karim', true, 'cli:test');
    expect(sessions(db, 'Karim')).toBe(0);
    expect(findUser(db, 'Karim')!.disabledAt).not.toBeNull();
    setDisabled(db, 'Karim', false, 'cli:test');
    expect(findUser(db, 'Karim')!.disabledAt).toBeNull();
    createSession(db, id, DEFAULT_SESSION_LIMITS, Date.now(), null);
    const old = findUser(db, 'Karim')!.passwordHash;
    expect(await changePassword(db, 'Karim', stdin('another good password'), cheap)).toMatch(/sessions ended/);
    expect(sessions(db, 'Karim')).toBe(0);
    expect(findUser(db, 'Karim')!.passwordHash).not.toBe(old);
    expect(await cheap.verify('another good password', findUser(db, 'Karim')!.passwordHash)).toBe(true);
    setRole(db, 'Karim', 'admin', 'cli:test');
    expect(findUser(db, 'Karim')!.role).toBe('admin');
    expect(db.prepare('SELECT kind FROM account_events ORDER BY id').all().map((r) => (r as { kind: string }).kind)).toEqual([
      'user-added',
      'user-disabled',
      'user-enabled',
      'password-changed',
      'role-changed',
    ]);
    expect(() => setDisabled(db, 'Nobody', true, 'cli:test')).toThrow(/no account named "Nobody"/);
    expect(formatUsers(listUsers(db))).toMatch(/^name +role +state.*\nKarim +admin +active/);
  });

  it('the command reads the password from the first line of stdin', async () => {
    const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apa-users-')), 'u.sqlite');
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command().exitOverride();
    const stdin = Object.assign(Readable.from(['a passphrase ', 'from a script\nthe second line is ignored\n']), { isTTY: false });
    registerUsersCommands(program, { stdin, out: (s) => out.push(s), err: (s) => err.push(s) });
    await program.parseAsync(['node', 'apa-ocr', 'users', 'add', 'Nasrin', '--role', 'admin', '--db', dbFile]);
    expect(err).toEqual([]);
    expect(out).toEqual(['account Nasrin (admin) added\n']);
    const db = openDb(dbFile);
    expect(listUsers(db).map((u) => [u.name, u.role])).toEqual([['Nasrin', 'admin']]);
    expect(await new PasswordHasher().verify('a passphrase from a script', findUser(db, 'Nasrin')!.passwordHash)).toBe(true);
    db.close();
  });

  it('has no option that takes a password on the command line', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerUsersCommands(program);
    for (const args of [
      ['users', 'add', 'Mallory', '--role', 'admin', '--password', 'hunter2hunter2'],
      ['users', 'add', 'Mallory', '--role', 'admin', '-p', 'hunter2hunter2'],
      ['users', 'passwd', 'Mallory', '--password=hunter2hunter2'],
    ]) {
      await expect(program.parseAsync(['node', 'apa-ocr', ...args])).rejects.toThrow(/unknown option/);
    }
    const opts = program.commands.find((c) => c.name() === 'users')!.commands.flatMap((c) => c.options.map((o) => o.long));
    expect(opts.filter((o) => /pass/.test(o ?? ''))).toEqual(['--password-stdin', '--password-stdin']);
  });
});

describe('serve off loopback', () => {
  it('refuses to start with neither accounts nor a token, saying how to make the first admin', async () => {
    const db = openDb(':memory:');
    const o = { host: '0.0.0.0', db: 'data/apa.sqlite' };
    expect(() => assertSafeToServe(db, o)).toThrow(UnsafeServeError);
    expect(() => assertSafeToServe(db, o)).toThrow(/users add NAME --role admin --db data\/apa\.sqlite/);
    expect(() => assertSafeToServe(db, { ...o, host: '127.0.0.1' })).not.toThrow();
    expect(() => assertSafeToServe(db, { ...o, token: 'a-token-of-sixteen-chars' })).not.toThrow();
    await addUser(db, 'Nasrin', 'admin', stdin('a good long password'), cheap);
    expect(() => assertSafeToServe(db, o)).not.toThrow();
  });
});
