/**
 * The `--queue` address: which Redis holds the page queue. Pure: parsing and checking only, no connection
 * (connection.ts connects), so a bad address is a usage error before anything is opened or written.
 */

export const DEFAULT_REDIS_PORT = 6379;

/** Where the queue lives, as the Redis client needs it. `display` never contains the password. */
export interface QueueTarget {
  tls: boolean;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** the address with the password replaced by ***, for messages and logs */
  display: string;
}

export class QueueUrlError extends Error {}

const FORM = 'redis://[USER:PASSWORD@]HOST[:PORT][/DB] (or rediss:// for TLS)';

/**
 * Parse `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). A password left out of the address
 * is taken from `APA_REDIS_PASSWORD`, so it need not appear on a command line, where `ps` shows it to every
 * user of the machine.
 */
export function parseQueueUrl(raw: string, env: NodeJS.ProcessEnv = process.env): QueueTarget {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new QueueUrlError(`not a Redis address: "${redactRaw(raw)}"; expected ${FORM}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new QueueUrlError(`"${redactRaw(raw)}" is not a Redis address (${u.protocol}//); expected ${FORM}`);
  }
  if (!u.hostname) throw new QueueUrlError(`"${redactRaw(raw)}" names no host; expected ${FORM}`);
  if (u.search || u.hash) {
    throw new QueueUrlError(`"${redactRaw(raw)}": options after ? or # are not read; expected ${FORM} (a password can come from APA_REDIS_PASSWORD, a private CA from APA_REDIS_CA)`);
  }
  const port = u.port === '' ? DEFAULT_REDIS_PORT : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new QueueUrlError(`"${redactRaw(raw)}": port must be 1–65535`);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,5}$/.test(path)) {
    throw new QueueUrlError(`"${redactRaw(raw)}": the path must be a database number (/0, /1, …), not "/${path}"`);
  }
  const db = path === '' ? 0 : Number(path);
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new QueueUrlError(`"${redactRaw(raw)}": bad %-escape in the user or password`);
    }
  };
  const username = u.username ? decode(u.username) : undefined;
  const password = u.password ? decode(u.password) : env.APA_REDIS_PASSWORD || undefined;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const tls = u.protocol === 'rediss:';
  const auth = username || password ? `${username ?? ''}${password ? ':***' : ''}@` : '';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return { tls, host, port, db, username, password, display: `${u.protocol}//${auth}${hostPart}:${port}/${db}` };
}

/** The address as typed, with whatever sits between :// and @ reduced to ***: for error messages only. */
export function redactRaw(raw: string): string {
  return raw.replace(/^([a-z]+:\/\/)([^@/]*)@/i, (_m, scheme: string, cred: string) => `${scheme}${cred.includes(':') ? `${cred.split(':')[0]}:***` : '***'}@`);
}
