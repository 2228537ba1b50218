/**
 * Reviewer accounts, their login sessions and the account events of the audit (migration 005). Passwords
 * arrive here already hashed (src/server/passwords.ts); a session is known by the SHA-256 of its cookie value
 * only. Accounts are never deleted, only disabled, because corrections and marks name them.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from './open.js';

export const RoleSchema = z.enum(['reviewer', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * An account name: letters (Bangla too), digits, spaces, dots, dashes, underscores. No ':' so it can never be
 * taken for the script-token ('token:…') or single-user ('local:…') identities.
 */
export const UserNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'a name is needed')
      .max(64, 'a name of at most 64 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u, 'use letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit'),
  );

export class AccountError extends Error {}

export interface User {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  passwordSetAt: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
}

const UserRow = z.object({
  id: z.number(),
  name: z.string(),
  role: RoleSchema,
  password_hash: z.string(),
  created_at: z.string(),
  password_set_at: z.string(),
  disabled_at: z.string().nullable(),
  last_login_at: z.string().nullable(),
});

const toUser = (r: z.infer<typeof UserRow>): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  passwordSetAt: r.password_set_at,
  disabledAt: r.disabled_at,
  lastLoginAt: r.last_login_at,
});

const iso = (ms: number) => new Date(ms).toISOString();

export const AccountEventKindSchema = z.enum(['login', 'login-failed', 'logout', 'user-added', 'user-disabled', 'user-enabled', 'password-changed', 'role-changed']);
export type AccountEventKind = z.infer<typeof AccountEventKindSchema>;

export interface AccountEvent {
  kind: AccountEventKind;
  userId: number | null;
  name: string;
  by?: string | null;
  address?: string | null;
  detail?: string | null;
  at?: string;
}

export function recordAccountEvent(db: Db, e: AccountEvent): void {
  db.prepare('INSERT INTO account_events (at, kind, user_id, name, by, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    e.at ?? new Date().toISOString(),
    e.kind,
    e.userId,
    e.name.slice(0, 100),
    e.by ?? null,
    e.address ?? null,
    e.detail ?? null,
  );
}

/** Accounts in the database, disabled ones included: once there is one, the review app needs a login. */
export function countUsers(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

/** The account and its hash, by name (case-insensitive), or null. */
export function findUser(db: Db, name: string): (User & { passwordHash: string }) | null {
  const r = db.prepare('SELECT * FROM users WHERE name = ?').get(name);
  if (!r) return null;
  const row = UserRow.parse(r);
  return { ...toUser(row), passwordHash: row.password_hash };
}

function mustFind(db: Db, name: string): User & { passwordHash: string } {
  const u = findUser(db, name);
  if (!u) throw new AccountError(`no account named "${name}" (npm run cli -- users list shows them)`);
  return u;
}

export function createUser(db: Db, a: { name: string; role: Role; passwordHash: string; by: string }): User {
  return db.transaction(() => {
    if (findUser(db, a.name)) throw new AccountError(`an account named "${a.name}" exists already`);
    const now = new Date().toISOString();
    const r = db
      .prepare('INSERT INTO users (name, role, password_hash, created_at, password_set_at) VALUES (?, ?, ?, ?, ?)')
      .run(a.name, a.role, a.passwordHash, now, now);
    const id = Number(r.lastInsertRowid);
    recordAccountEvent(db, { kind: 'user-added', userId: id, name: a.name, by: a.by, detail: `role ${a.role}`, at: now });
    return toUser(UserRow.parse(db.prepare('SELECT * FROM users WHERE id = ?').get(id)));
  })();
}

export interface UserListing extends User {
  /** sessions not yet ended */
  sessions: number;
}

export function listUsers(db: Db, nowMs = Date.now()): UserListing[] {
  const rows = z.array(UserRow.extend({ sessions: z.number() })).parse(
    db.prepare('SELECT u.*, (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > ?) AS sessions FROM users u ORDER BY u.name').all(iso(nowMs)),
  );
  return rows.map((r) => ({ ...toUser(r), sessions: r.sessions }));
}

/** Disable (ending every session at once) or enable an account. */
export function setDisabled(db: Db, name: string, disabled: boolean, by: string): User {
  return db.transaction(() => {
    const u = mustFind(db, name);
    const now = new Date().toISOString();
    db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? (u.disabledAt ?? now) : null, u.id);
    if (disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(u.id);
    recordAccountEvent(db, { kind: disabled ? 'user-disabled' : 'user-enabled', userId: u.id, name: u.name, by, at: now });
    return { ...u, disabledAt: disabled ? (u.disabledAt ?? now) : null };
  })();
}

/** A new password (already hashed); every session of the account ends. */
export function setPassword(db: Db, name: string, passwordHash: string, by: string): User {
  return db.transaction(() => {
    const u = mustFind(db, name);
    const now = new Date().toISOString();
    db.prepare('UPDATE users SET password_hash = ?, password_set_at = ? WHERE id = ?').run(passwordHash, now, u.id);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(u.id);
    recordAccountEvent(db, { kind: 'password-changed', userId: u.id, name: u.name, by, at: now });
    return { ...u, passwordSetAt: now };
  })();
}

export function setRole(db: Db, name: string, role: Role, by: string): User {
  return db.transaction(() => {
    const u = mustFind(db, name);
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, u.id);
    recordAccountEvent(db, { kind: 'role-changed', userId: u.id, name: u.name, by, detail: `${u.role} → ${role}` });
    return { ...u, role };
  })();
}

// ----------------------------------------------------------------------------------------------- sessions

export interface SessionLimits {
  /** a session ends this long after login, used or not */
  maxMs: number;
  /** …and this long after its last request */
  idleMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxMs: 12 * 3600_000, idleMs: 4 * 3600_000 };

/** The stored key of a session: the cookie value is never stored. */
export const sessionKey = (cookieValue: string): string => crypto.createHash('sha256').update(`apa-session:${cookieValue}`).digest('hex');

/** Start a session for an account that just logged in; returns the cookie value. */
export function createSession(db: Db, userId: number, limits: SessionLimits, nowMs: number, address: string | null): { cookie: string; expiresAt: string } {
  const cookie = crypto.randomBytes(32).toString('base64url');
  const now = iso(nowMs);
  const expiresAt = iso(nowMs + limits.maxMs);
  db.transaction(() => {
    // sessions that ended are of no use to anyone; they go whenever someone logs in
    db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, iso(nowMs - limits.idleMs));
    db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, address) VALUES (?, ?, ?, ?, ?, ?)').run(
      sessionKey(cookie),
      userId,
      now,
      now,
      expiresAt,
      address,
    );
    db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(now, userId);
  })();
  return { cookie, expiresAt };
}

/**
 * The account behind a session cookie, or null when the session is unknown, expired, idle too long or its
 * account is disabled. Marks the session used (at most once a minute, to spare the database a write per request).
 */
export function sessionUser(db: Db, cookie: string, limits: SessionLimits, nowMs: number): User | null {
  const key = sessionKey(cookie);
  const r = db.prepare('SELECT s.last_seen_at, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?').get(key) as
    | (Record<string, unknown> & { last_seen_at: string; expires_at: string })
    | undefined;
  if (!r) return null;
  const now = iso(nowMs);
  if (r.expires_at <= now || r.last_seen_at <= iso(nowMs - limits.idleMs)) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(key);
    return null;
  }
  const user = toUser(UserRow.parse(r));
  if (user.disabledAt) return null;
  if (r.last_seen_at <= iso(nowMs - 60_000)) db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, key);
  return user;
}

export function endSession(db: Db, cookie: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sessionKey(cookie));
}
