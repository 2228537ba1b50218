/**
 * Who is asking. The review app runs in one of three modes, decided per request from the database, so an
 * account added with `users add` while the server runs takes effect at once:
 * - `accounts`: the database has accounts (disabled ones count). Every /api/ route but config, session and
 *   login needs a login session (cookie) or the shared script token (Authorization: Bearer …).
 * - `token`: no accounts, a token is set: reads are open, writes need the token (as before accounts existed).
 * - `open`: no accounts, no token, bound to loopback: whoever uses this machine reviews, recorded as
 *   'local:<OS user>'; the server refuses to start this way off loopback (cli.ts).
 * The guard is middleware on /api/* registered before any route, so routes added later (the dashboard's
 * /api/dashboard/*) are covered without doing anything.
 *
 * Writes by a browser (a session, or the open mode) also need the page's CSRF token in `x-csrf-token`, on top
 * of the JSON content type and same-origin checks of security.ts; a request carrying the bearer token needs no
 * CSRF token, as no browser sends that header on its own.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  countUsers,
  createSession,
  endSession,
  findUser,
  recordAccountEvent,
  sessionUser,
  type Role,
  type SessionLimits,
  type User,
} from '../../db/accounts.js';
import type { Actor } from '../../db/corrections.js';
import type { Db } from '../../db/open.js';
import { PasswordHasher } from './passwords.js';
import { isLoopback, tokenMatches } from './security.js';
import { LoginThrottle } from './throttle.js';

export type Principal =
  | { kind: 'user'; user: User; cookie: string }
  | { kind: 'token'; name: string }
  | { kind: 'local'; name: string };

declare module 'hono' {
  interface ContextVariableMap {
    /** who sent the request; null for an anonymous read (token mode) or a public route without a login */
    principal: Principal | null;
  }
}

export type AuthMode = 'accounts' | 'token' | 'open';

/** What each kind of caller may do: the script token reviews; the loopback single user is the desk's admin. */
export function roleOf(p: Principal): Role {
  return p.kind === 'user' ? p.user.role : p.kind === 'token' ? 'reviewer' : 'admin';
}

/** The identity a write is recorded under. */
export function actorOf(p: Principal): Actor {
  if (p.kind === 'user') return { name: p.user.name, userId: p.user.id, via: 'session' };
  if (p.kind === 'token') return { name: `token:${p.name}`, userId: null, via: 'token' };
  return { name: `local:${p.name}`, userId: null, via: 'local' };
}

/** Routes anyone may call: what the page needs before a login, and the login itself. */
const PUBLIC = new Set(['/api/config', '/api/session', '/api/login']);

export const CSRF_HEADER = 'x-csrf-token';

export interface AuthOptions {
  db: Db;
  token: string | null;
  /** the script identity writes with the token are recorded under, as 'token:<name>' */
  tokenName: string;
  /** the OS user the open mode's writes are recorded under, as 'local:<name>' */
  localName: string;
  hasher: PasswordHasher;
  limits: SessionLimits;
  now: () => number;
  /** the https address users open when a reverse proxy sits in front (session cookies then get Secure) */
  publicUrl: URL | null;
}

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

export const LoginBody = z.object({ name: z.string().max(200), password: z.string().max(1024) }).strict();

export class Auth {
  /** per process: the open mode's CSRF token changes when the server restarts */
  private readonly secret = crypto.randomBytes(32);
  readonly throttle: LoginThrottle;

  constructor(private readonly o: AuthOptions) {
    this.throttle = new LoginThrottle();
  }

  mode(): AuthMode {
    if (countUsers(this.o.db) > 0) return 'accounts';
    return this.o.token !== null ? 'token' : 'open';
  }

  /** Session cookies are Secure when the page is served over https (directly or through the proxy of --public-url). */
  private secure(c: Context): boolean {
    return this.o.publicUrl?.protocol === 'https:' || new URL(c.req.url).protocol === 'https:';
  }

  private cookieOf(c: Context): string | undefined {
    const v = this.secure(c) ? getCookie(c, 'apa-session', 'host') : getCookie(c, 'apa-session');
    return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : undefined;
  }

  /**
   * The caller's address for login backoff: the TCP peer, or behind the proxy of --public-url (which connects
   * from this machine) the last address it appended to X-Forwarded-For.
   */
  clientAddress(c: Context): string {
    const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
    if (this.o.publicUrl && isLoopback(peer.replace(/^::ffff:/, ''))) {
      const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
      if (last) return last.slice(0, 64);
    }
    return peer;
  }

  csrfToken(p: Principal): string | null {
    if (p.kind === 'user') return crypto.createHash('sha256').update(`apa-csrf:${p.cookie}`).digest('base64url');
    if (p.kind === 'local') return crypto.createHmac('sha256', this.secret).update('apa-csrf:local').digest('base64url');
    return null;
  }

  /** The guard on /api/*: finds the principal, refuses what it may not do. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
      const isPublic = PUBLIC.has(new URL(c.req.url).pathname);
      const mode = this.mode();
      let principal: Principal | null = null;
      const authorization = c.req.header('authorization');
      if (authorization !== undefined && this.o.token !== null) {
        const m = /^Bearer\s+(\S+)$/i.exec(authorization);
        if (!m || !tokenMatches(this.o.token, m[1]!)) return json(401, { error: 'the token is not valid (Authorization: Bearer …)' }, { 'www-authenticate': 'Bearer' });
        principal = { kind: 'token', name: this.o.tokenName };
      } else if (mode === 'accounts') {
        const cookie = this.cookieOf(c);
        const user = cookie ? sessionUser(this.o.db, cookie, this.o.limits, this.o.now()) : null;
        if (user && cookie) principal = { kind: 'user', user, cookie };
      } else if (mode === 'open') {
        principal = { kind: 'local', name: this.o.localName };
      }
      c.set('principal', principal);
      if (isPublic) return next();
      if (!principal) {
        if (mode === 'accounts') return json(401, { error: 'log in first', code: 'login' });
        if (write) return json(401, { error: 'a valid token is needed to change data (Authorization: Bearer …)' }, { 'www-authenticate': 'Bearer' });
      }
      if (write && principal) {
        const expected = this.csrfToken(principal);
        const given = c.req.header(CSRF_HEADER);
        if (expected !== null && (given === undefined || !tokenMatches(expected, given))) {
          return json(403, { error: 'the page’s CSRF token is missing or wrong: reload the page', code: 'csrf' });
        }
      }
      await next();
    };
  }

  /** `GET /api/session`, `POST /api/login`, `POST /api/logout`. */
  register(app: Hono, check: <T extends z.ZodType>(schema: T, input: unknown) => z.output<T>, jsonBody: (c: Context) => Promise<unknown>): void {
    const Empty = z.object({}).strict();

    app.get('/api/session', (c) => {
      check(Empty, c.req.query());
      const p = c.get('principal');
      const mode = this.mode();
      return c.json({
        mode,
        user: p ? { name: actorOf(p).name, role: roleOf(p), via: actorOf(p).via } : null,
        csrf: p ? this.csrfToken(p) : null,
        loginRequired: mode === 'accounts' && !p,
      });
    });

    app.post('/api/login', async (c) => {
      check(Empty, c.req.query());
      const body = check(LoginBody, await jsonBody(c));
      const mode = this.mode();
      if (mode !== 'accounts') return c.json({ error: 'this server has no accounts, so there is nothing to log in to (npm run cli -- users add NAME --role admin creates one)' }, 409);
      const name = body.name.normalize('NFC').trim();
      const address = this.clientAddress(c);
      const keys = LoginThrottle.keys(name, address);
      const now = this.o.now();
      const wait = this.throttle.blockedFor(keys, now);
      if (wait > 0) {
        const s = Math.ceil(wait / 1000);
        return c.json({ error: `too many failed logins: try again in ${s} s` }, 429, { 'retry-after': String(s) });
      }
      this.throttle.begin(keys, now);
      const user = name ? findUser(this.o.db, name) : null;
      // the same scrypt work whether or not the account exists, so the answer's timing does not tell
      const ok = user ? await this.o.hasher.verify(body.password, user.passwordHash) : await this.o.hasher.verifyNobody(body.password);
      if (!ok || !user || user.disabledAt) {
        recordAccountEvent(this.o.db, {
          kind: 'login-failed',
          userId: user?.id ?? null,
          name: name || '(blank)',
          address,
          detail: !user ? 'no such account' : !ok ? 'wrong password' : 'account disabled',
        });
        return c.json({ error: 'wrong name or password, or the account is disabled' }, 401);
      }
      this.throttle.succeed(keys);
      // a login from a browser that already had a session replaces it (fresh id: no fixation, no pile-up)
      const prev = c.get('principal');
      if (prev?.kind === 'user') endSession(this.o.db, prev.cookie);
      const s = createSession(this.o.db, user.id, this.o.limits, this.o.now(), address);
      setCookie(c, 'apa-session', s.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: this.secure(c),
        maxAge: Math.floor(this.o.limits.maxMs / 1000),
        ...(this.secure(c) ? { prefix: 'host' as const } : {}),
      });
      recordAccountEvent(this.o.db, { kind: 'login', userId: user.id, name: user.name, address });
      const p: Principal = { kind: 'user', user, cookie: s.cookie };
      return c.json({ user: { name: user.name, role: user.role, via: 'session' }, csrf: this.csrfToken(p), expiresAt: s.expiresAt });
    });

    app.post('/api/logout', async (c) => {
      check(Empty, c.req.query());
      check(Empty, await jsonBody(c));
      const p = c.get('principal');
      if (p?.kind !== 'user') return c.json({ loggedOut: false });
      endSession(this.o.db, p.cookie);
      if (this.secure(c)) deleteCookie(c, 'apa-session', { path: '/', secure: true, prefix: 'host' });
      else deleteCookie(c, 'apa-session', { path: '/' });
      recordAccountEvent(this.o.db, { kind: 'logout', userId: p.user.id, name: p.user.name, address: this.clientAddress(c) });
      return c.json({ loggedOut: true });
    });
  }
}

/** Route middleware: only callers of this role (admins may do what reviewers may). */
export function requireRole(role: Role): MiddlewareHandler {
  return async (c, next) => {
    const p = c.get('principal');
    if (!p) return json(401, { error: 'log in first', code: 'login' });
    if (role === 'admin' && roleOf(p) !== 'admin') return json(403, { error: `only an admin may do this (you are ${actorOf(p).name}, ${roleOf(p)})` });
    await next();
  };
}

/** The principal of a route that the guard let through to write: there always is one. */
export function writer(c: Context): Actor {
  const p = c.get('principal');
  if (!p) throw new Error('a write reached its route without a principal');
  return actorOf(p);
}
