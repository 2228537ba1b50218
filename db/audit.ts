/**
 * The audit: every correction (reverts included), every reviewed mark and its withdrawal, and every login and
 * account change, newest first, each with who, how they authenticated and when. Read from the append-only
 * tables of migrations 002 and 005; nothing here writes.
 */
import { z } from 'zod';
import type { Db } from './open.js';
import { AccountEventKindSchema, type AccountEventKind } from './accounts.js';
import { applyOrder, correctionKey, fieldHistory, getCorrection, listCorrections, ViaSchema, type Correction, type Via } from './corrections.js';

export const AuditKindSchema = z.enum(['correction', 'review', 'account']);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export interface AuditFilter {
  kind?: AuditKind;
  /** who did it (or, for account events, the account concerned); case-insensitive */
  user?: string;
  /** the file's sha256 */
  sha256?: string;
  /** ISO date or time, inclusive */
  since?: string;
  /** ISO date or time; a date includes the whole day */
  until?: string;
  limit: number;
}

export interface AuditEntry {
  /** 'correction', 'revert', 'review', 'unreview' or an account event kind */
  kind: 'correction' | 'revert' | 'review' | 'unreview' | AccountEventKind;
  at: string;
  who: string;
  userId: number | null;
  via: Via | null;
  /** the stored submission of the file now, if the entry is about a file */
  file: { sha256: string; submissionId: number | null; fileName: string | null } | null;
  correction?: Correction & {
    /** this row is its field's latest and the field does not show OCR: an admin may revert it */
    current: boolean;
    /** the revert that undid it, if any */
    revertedBy: number | null;
    /** a revert that brought back an earlier correction's value: that correction */
    restores: number | null;
  };
  account?: { name: string; address: string | null; detail: string | null };
}

const ReviewRow = z.object({ id: z.number(), sha256: z.string(), reviewed: z.number(), who: z.string(), user_id: z.number().nullable(), via: ViaSchema.nullable(), at: z.string() });
const AccountRow = z.object({
  id: z.number(),
  at: z.string(),
  kind: AccountEventKindSchema,
  user_id: z.number().nullable(),
  name: z.string(),
  by: z.string().nullable(),
  address: z.string().nullable(),
  detail: z.string().nullable(),
});

/** A date alone as the end of a range means the whole of that day. */
const untilBound = (u: string) => (/^\d{4}-\d{2}-\d{2}$/.test(u) ? `${u}T23:59:59.999Z~` : u);

export function listAudit(db: Db, f: AuditFilter): AuditEntry[] {
  const since = f.since ?? '';
  const until = f.until ? untilBound(f.until) : '\uffff';
  const user = f.user ?? null;
  const out: (AuditEntry & { order: number })[] = [];
  const files = new Map<string, AuditEntry['file']>();
  const fileOf = (sha256: string) => {
    if (!files.has(sha256)) {
      const s = db.prepare('SELECT id, file_name FROM submissions WHERE sha256 = ?').get(sha256) as { id: number; file_name: string } | undefined;
      files.set(sha256, { sha256, submissionId: s?.id ?? null, fileName: s?.file_name ?? null });
    }
    return files.get(sha256)!;
  };

  if (!f.kind || f.kind === 'correction') {
    const ids = db
      .prepare(
        `SELECT id FROM corrections WHERE at >= ? AND at <= ? AND (? IS NULL OR who = ? COLLATE NOCASE) AND (? IS NULL OR sha256 = ?)
          ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(since, until, user, user, f.sha256 ?? null, f.sha256 ?? null, f.limit) as { id: number }[];
    const byKey = new Map<string, Correction[]>();
    for (const { id } of ids) {
      const c = getCorrection(db, id)!;
      const key = `${c.sha256}/${correctionKey(c)}`;
      if (!byKey.has(key)) byKey.set(key, applyOrder(listCorrections(db, c.sha256).filter((x) => correctionKey(x) === correctionKey(c))));
      const rows = byKey.get(key)!;
      const latest = rows.at(-1)!;
      const { shows } = fieldHistory(rows);
      out.push({
        kind: c.revertOf != null ? 'revert' : 'correction',
        at: c.at,
        who: c.who,
        userId: c.userId,
        via: c.via,
        file: fileOf(c.sha256),
        correction: {
          ...c,
          current: latest.id === c.id && !c.restoresOcr,
          revertedBy: rows.find((x) => x.revertOf === c.id)?.id ?? null,
          restores: c.revertOf != null && !c.restoresOcr ? (shows.get(c.id)?.id ?? null) : null,
        },
        order: c.id,
      });
    }
  }

  if (!f.kind || f.kind === 'review') {
    const rows = z.array(ReviewRow).parse(
      db
        .prepare(
          `SELECT * FROM review_marks WHERE at >= ? AND at <= ? AND (? IS NULL OR who = ? COLLATE NOCASE) AND (? IS NULL OR sha256 = ?)
            ORDER BY at DESC, id DESC LIMIT ?`,
        )
        .all(since, until, user, user, f.sha256 ?? null, f.sha256 ?? null, f.limit),
    );
    for (const r of rows) {
      out.push({ kind: r.reviewed ? 'review' : 'unreview', at: r.at, who: r.who, userId: r.user_id, via: r.via, file: fileOf(r.sha256), order: r.id });
    }
  }

  if ((!f.kind || f.kind === 'account') && !f.sha256) {
    const rows = z.array(AccountRow).parse(
      db
        .prepare(
          `SELECT * FROM account_events WHERE at >= ? AND at <= ? AND (? IS NULL OR name = ? COLLATE NOCASE OR by = ? COLLATE NOCASE)
            ORDER BY at DESC, id DESC LIMIT ?`,
        )
        .all(since, until, user, user, user, f.limit),
    );
    for (const r of rows) {
      out.push({
        kind: r.kind,
        at: r.at,
        who: r.by ?? r.name,
        userId: r.by ? null : r.user_id,
        via: null,
        file: null,
        account: { name: r.name, address: r.address, detail: r.detail },
        order: r.id,
      });
    }
  }

  return out
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.order - a.order))
    .slice(0, f.limit)
    .map(({ order: _order, ...e }) => e);
}
