/**
 * Connecting to the queue's Redis. ioredis is imported lazily (only the queue commands load it); a first
 * connection is checked with a short timeout and no retries, so an unreachable or refusing Redis is one clear
 * line before anything is written, and the long-lived connections that follow retry through outages.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { Redis, RedisOptions } from 'ioredis';
import { QueueUnreachableError } from './errors.js';
import type { QueueTarget } from './url.js';

/** ioredis options as both ioredis and BullMQ take them (BullMQ's type wants a retry function, never null). */
export type QueueRedisOptions = Omit<RedisOptions, 'retryStrategy'> & { retryStrategy: (times: number) => number | null };

/** ioredis options for the long-lived connections (BullMQ's blocking ones need maxRetriesPerRequest null). */
export function redisOptions(target: QueueTarget, env: NodeJS.ProcessEnv = process.env): QueueRedisOptions {
  let tls: RedisOptions['tls'];
  if (target.tls) {
    tls = net.isIP(target.host) ? {} : { servername: target.host };
    if (env.APA_REDIS_CA) {
      try {
        tls.ca = fs.readFileSync(env.APA_REDIS_CA);
      } catch (e) {
        throw new QueueUnreachableError(`APA_REDIS_CA=${env.APA_REDIS_CA}: cannot read the CA certificate (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    }
  }
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    username: target.username,
    password: target.password,
    tls,
    maxRetriesPerRequest: null,
    // reconnect after an outage: quickly at first, then every 20 s at most
    retryStrategy: (times: number) => Math.min(500 * 2 ** Math.min(times, 6), 20_000),
  };
}

/** A Redis client of our own (PDF bytes, status), for callers that already know Redis answers. */
export async function openRedis(target: QueueTarget, onError: (e: Error) => void): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(redisOptions(target));
  client.on('error', onError);
  return client;
}

export interface RedisCheck {
  version: string;
  /** things an operator should fix that do not stop the queue (printed once) */
  warnings: string[];
}

/**
 * Connect once, without retries, and ask the server who it is: Redis that cannot be reached, refuses the
 * password or is too old becomes a {@link QueueUnreachableError} with one line saying what to do.
 */
export async function checkRedis(target: QueueTarget, timeoutMs = 5000): Promise<RedisCheck> {
  const { Redis } = await import('ioredis');
  let lastError: unknown = null;
  const client = new Redis({
    ...redisOptions(target),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on('error', (e) => {
    lastError ??= e;
  });
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0';
    if (Number(version.split('.')[0]) < 5) {
      throw new QueueUnreachableError(`Redis at ${target.display} is version ${version}; the queue needs Redis 5 or newer (Debian's redis-server package)`);
    }
    const warnings: string[] = [];
    try {
      const policy = (await client.config('GET', 'maxmemory-policy')) as string[];
      if (policy[1] && policy[1] !== 'noeviction') {
        warnings.push(`Redis at ${target.display} has maxmemory-policy ${policy[1]}: it may evict queued pages when full; set maxmemory-policy noeviction`);
      }
    } catch {
      // CONFIG is often disabled on managed Redis: nothing to check then
    }
    return { version, warnings };
  } catch (e) {
    if (e instanceof QueueUnreachableError) throw e;
    throw new QueueUnreachableError(describeRedisFailure(target, lastError ?? e, timeoutMs));
  } finally {
    client.disconnect();
  }
}

/** One line: what went wrong reaching Redis and what to do about it. */
export function describeRedisFailure(target: QueueTarget, e: unknown, timeoutMs: number): string {
  const err = e as NodeJS.ErrnoException & { message?: string };
  const code = err?.code ?? '';
  const msg = String(err?.message ?? e).split('\n')[0]!;
  const where = `Redis at ${target.display}`;
  if (code === 'ECONNREFUSED') {
    return `cannot reach ${where}: connection refused; start it (e.g. redis-server --bind 127.0.0.1 --port ${target.port}) or correct --queue`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${where}: host ${target.host} not found; correct --queue`;
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(msg)) {
    return `cannot reach ${where}: no answer within ${timeoutMs / 1000} s; check the host, port and firewall${target.tls ? ' (a port without TLS needs redis://)' : ' (a TLS-only port needs rediss://)'}`;
  }
  if (/Protocol error/i.test(msg)) return `${where} does not answer as Redis does (${msg.slice(0, 60)}…): is --queue pointing at another service or a proxy?`;
  if (/WRONGPASS|invalid username-password|invalid password/i.test(msg)) {
    return `${where} refused the user name or password; correct them in --queue or APA_REDIS_PASSWORD`;
  }
  if (/NOAUTH/i.test(msg)) return `${where} needs a password: put it in --queue (${target.tls ? 'rediss' : 'redis'}://:PASSWORD@host) or APA_REDIS_PASSWORD`;
  if (/NOPERM/i.test(msg)) return `${where}: the user may not run the queue's commands (${msg}); grant it +@all on the queue's keys`;
  if (/certificate|self[- ]signed|SSL|TLS|wrong version number|EPROTO/i.test(msg + code)) {
    return `TLS to ${where} failed: ${msg}; for a server certificate from a private CA set APA_REDIS_CA=/path/to/ca.pem`;
  }
  if (/Connection is closed|ECONNRESET|socket hang up/i.test(msg + code)) {
    return `${where} closed the connection${target.tls ? '' : ' (is it a TLS port? then use rediss://)'}: ${msg}`;
  }
  return `cannot use ${where}: ${msg}`;
}
