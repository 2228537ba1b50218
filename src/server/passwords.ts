/**
 * Password hashes: scrypt from Node's own crypto, a random 16-byte salt per password, and the cost parameters
 * stored in the hash (`scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, base64) so they can be raised later while old
 * hashes keep verifying. The default cost is OWASP's scrypt minimum for N = 2^15 (r = 8, p = 3: 32 MiB and, on
 * this project's 2-core machine, about a quarter of a second of one core per check).
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';

const scrypt = promisify(crypto.scrypt) as (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export interface ScryptParams {
  /** log2 of the CPU/memory cost N */
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 3 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

const HashSchema = z
  .string()
  .regex(/^scrypt\$\d{1,2}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'not an scrypt hash of this tool')
  .transform((s) => {
    const [, logN, r, p, salt, key] = s.split('$');
    return { logN: Number(logN), r: Number(r), p: Number(p), salt: Buffer.from(salt!, 'base64'), key: Buffer.from(key!, 'base64') };
  })
  .refine((h) => h.logN >= 10 && h.logN <= 20 && h.r >= 1 && h.r <= 32 && h.p >= 1 && h.p <= 16 && h.key.length === KEY_BYTES, 'scrypt parameters out of range');

/** What a password must be: long enough to resist guessing, short enough not to burden scrypt. */
export const PasswordSchema = z
  .string()
  .min(10, 'use a password of at least 10 characters')
  .max(1024, 'a password of at most 1024 characters')
  .refine((s) => !/[\r\n]/.test(s), 'a password is one line');

const derive = (password: string, salt: Buffer, p: ScryptParams) =>
  // memory needed is 128·N·r bytes; leave room over Node's 32 MiB default so N = 2^15 with r = 8 fits
  scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: 2 ** p.logN, r: p.r, p: p.p, maxmem: 256 * 2 ** p.logN * p.r });

export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(readonly params: ScryptParams = DEFAULT_SCRYPT) {}

  async hash(password: string): Promise<string> {
    const salt = crypto.randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params);
    const { logN, r, p } = this.params;
    return `scrypt$${logN}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /** Whether `password` matches `stored`; a hash this tool cannot read never matches. Constant time in the key. */
  async verify(password: string, stored: string): Promise<boolean> {
    const h = HashSchema.safeParse(stored);
    if (!h.success) return false;
    const key = await derive(password, h.data.salt, h.data);
    return crypto.timingSafeEqual(key, h.data.key);
  }

  /**
   * Spend the same time as a real check when there is no account to check against, so a login answer does
   * not tell whether the name exists. Always false.
   */
  async verifyNobody(password: string): Promise<false> {
    await this.verify(password, await this.prepare());
    return false;
  }

  /** Make the stand-in hash {@link verifyNobody} checks against (done ahead by the server, so the first such check is not slower). */
  prepare(): Promise<string> {
    this.dummy ??= this.hash(crypto.randomBytes(24).toString('base64'));
    return this.dummy;
  }
}
