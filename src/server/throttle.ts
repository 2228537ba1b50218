/**
 * Failed logins slow down further tries, per account name and per client address. Each try counts as a
 * failure from the moment it starts (a success takes it back), so a burst of parallel guesses is stopped as
 * soon as the count is reached instead of all being checked. An account allows 3 failures, then waits 1 s,
 * 2 s, 4 s … up to 15 min between tries; an address (an office may share one) allows 10 before the same.
 * Kept in memory: a restart of the server forgets it, which needs access to the machine anyway.
 */

export interface ThrottleKey {
  key: string;
  /** failures allowed before waiting */
  free: number;
}

interface Entry {
  failures: number;
  lastAt: number;
  until: number;
}

const MAX_WAIT_MS = 15 * 60_000;
/** a key is forgotten this long after its last wait ended */
const FORGET_MS = 15 * 60_000;
const MAX_ENTRIES = 10_000;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  static keys(name: string, address: string): ThrottleKey[] {
    return [
      { key: `account:${name.normalize('NFC').trim().toLowerCase()}`, free: 3 },
      { key: `address:${address}`, free: 10 },
    ];
  }

  static waitAfter(failures: number, free: number): number {
    return failures <= free ? 0 : Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - free - 1));
  }

  private get(k: string, now: number): Entry | undefined {
    const e = this.entries.get(k);
    if (e && now > Math.max(e.until, e.lastAt) + FORGET_MS) {
      this.entries.delete(k);
      return undefined;
    }
    return e;
  }

  /** Milliseconds until a try is allowed (0: now). */
  blockedFor(keys: ThrottleKey[], now: number): number {
    return Math.max(0, ...keys.map((k) => (this.get(k.key, now)?.until ?? 0) - now));
  }

  /** A try starts: counted as a failure until {@link succeed} says otherwise. */
  begin(keys: ThrottleKey[], now: number): void {
    for (const k of keys) {
      const e = this.get(k.key, now) ?? { failures: 0, lastAt: now, until: 0 };
      e.failures += 1;
      e.lastAt = now;
      e.until = now + LoginThrottle.waitAfter(e.failures, k.free);
      this.entries.delete(k.key); // re-inserted last: the map's order is the order of last use
      this.entries.set(k.key, e);
    }
    this.prune(now);
  }

  /** The try succeeded: the account starts afresh; the address gets back the failure counted in advance. */
  succeed(keys: ThrottleKey[]): void {
    const [account, ...rest] = keys;
    if (account) this.entries.delete(account.key);
    for (const k of rest) {
      const e = this.entries.get(k.key);
      if (!e) continue;
      e.failures = Math.max(0, e.failures - 1);
      e.until = e.lastAt + LoginThrottle.waitAfter(e.failures, k.free);
    }
  }

  private prune(now: number): void {
    if (this.entries.size <= MAX_ENTRIES) return;
    for (const k of [...this.entries.keys()]) this.get(k, now); // drops the forgotten ones
    // still too many (a flood from many addresses): the least recently used addresses go first, so a
    // flood cannot wash out an account's count
    for (const prefix of ['address:', '']) {
      for (const k of [...this.entries.keys()]) {
        if (this.entries.size <= MAX_ENTRIES) return;
        if (k.startsWith(prefix)) this.entries.delete(k);
      }
    }
  }
}
