/**
 * Request guards that do not depend on who is asking (who may do what is auth.ts): the host a request is
 * addressed to, where a write comes from and in what form, and the headers of every response.
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
export function loopbackHostOnly(publicUrl: URL | null = null): MiddlewareHandler {
  return async (c, next) => {
    const host = new URL(c.req.url).hostname;
    if (!isLoopback(host) && host !== publicUrl?.hostname) return json(403, 'this server answers requests to localhost only');
    await next();
  };
}

/**
 * Writes: JSON bodies only (a cross-site form cannot send one without a CORS preflight, which is never
 * granted) and never from another origin. `publicUrl` is the address users open through a reverse proxy,
 * whose origin the browser sends while the request reaches this server under its own address.
 */
export function guardWrites(publicUrl: URL | null = null): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return json(415, 'send the body as application/json');
    if (c.req.header('sec-fetch-site') === 'cross-site') return json(403, 'cross-site requests are refused');
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let same = false;
      try {
        const o = new URL(origin);
        same = o.host === new URL(c.req.url).host || (publicUrl !== null && o.origin === publicUrl.origin);
      } catch {
        same = false; // 'null' and anything unparsable
      }
      if (!same) return json(403, 'cross-origin requests are refused');
    }
    await next();
  };
}

/**
 * Headers for every response: scripts, styles and images only from this server (no inline script or style
 * anywhere in the page), no framing, no sniffing, no referrer; API answers are not cached unless a route says
 * otherwise (page images revalidate by ETag); over https, browsers are told to stay on https.
 */
export function securityHeaders(publicUrl: URL | null = null): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('x-frame-options', 'DENY');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('cross-origin-resource-policy', 'same-origin');
    h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    h.set(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    if (new URL(c.req.url).pathname.startsWith('/api/') && !h.has('cache-control')) h.set('cache-control', 'no-store');
    if (publicUrl?.protocol === 'https:' || new URL(c.req.url).protocol === 'https:') h.set('strict-transport-security', 'max-age=31536000');
  };
}
