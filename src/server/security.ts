/**
 * Request guards. The review app is meant for one desk (127.0.0.1); bound to a network address it needs a
 * token for every write. Reads stay open there too, as the issue asks only writes to be protected.
 */
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Constant-time token check: both sides hashed first, so neither the length nor a prefix leaks through timing. */
export function tokenMatches(expected: string, given: string): boolean {
  const a = crypto.createHash('sha256').update(expected, 'utf8').digest();
  const b = crypto.createHash('sha256').update(given, 'utf8').digest();
  return crypto.timingSafeEqual(a, b);
}

/** Host names that only reach this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const json = (status: number, error: string) => new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * A page on another site must not be able to drive a local server (DNS rebinding): bound to loopback, only
 * requests addressed to a loopback name are answered.
 */
export function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!isLoopback(new URL(c.req.url).hostname)) return json(403, 'this server answers requests to localhost only');
    await next();
  };
}

/**
 * Writes: JSON bodies only (a cross-site form cannot send one without a CORS preflight, which is never
 * granted), never from another origin, and with the bearer token when one is configured.
 */
export function guardWrites(token: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return json(415, 'send the body as application/json');
    if (c.req.header('sec-fetch-site') === 'cross-site') return json(403, 'cross-site requests are refused');
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      let same = false;
      try {
        same = new URL(origin).host === new URL(c.req.url).host;
      } catch {
        same = false;
      }
      if (!same) return json(403, 'cross-origin requests are refused');
    } else if (origin === 'null') {
      return json(403, 'cross-origin requests are refused');
    }
    if (token !== null) {
      const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
      if (!m || !tokenMatches(token, m[1]!)) {
        return new Response(JSON.stringify({ error: 'a valid token is needed to change data (Authorization: Bearer …)' }), {
          status: 401,
          headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
        });
      }
    }
    await next();
  };
}

/** Headers for every response: no framing, no sniffing, scripts and styles only from this server. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'no-referrer');
    c.res.headers.set('x-frame-options', 'DENY');
    c.res.headers.set(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  };
}
