/** Query results → ResultTable, the shape every writer (terminal, CSV, XLSX) reads. */
import { officeLabel, type Coverage, type FlagRow, type IndicatorRow, type OfficeRef, type SqlResult } from '../../db/analysis.js';
import { catalogueEntryFor, type CatalogueLinks } from '../../models/catalogue-links.js';
import type { IndicatorValueField } from '../../models/indicator.js';
import { displayUnit, displayValue, type Cell, type Column, type ResultTable } from '../exports/table.js';

export interface TableStyle {
  /** terminal: short coverage marks, "*" after corrected values, notes under the table */
  terminal: boolean;
}

const STATE_MARK = { submitted: 'ok', flagged: 'flag', missing: '·' } as const;

export function coverageTable(cov: Coverage, style: TableStyle): ResultTable {
  const columns: Column[] = [
    { key: 'office', header: 'office' },
    { key: 'level', header: 'level' },
    ...cov.periods.map((p) => ({ key: `${p.fiscalYear}/${p.quarter}`, header: `${p.fiscalYear} ${/^\d$/.test(p.quarter) ? `Q${p.quarter}` : p.quarter}` })),
    { key: 'submitted', header: 'reports', numeric: true },
  ];
  const byOffice = new Map<string, Coverage['cells']>();
  for (const c of cov.cells) {
    const mine = byOffice.get(c.officeKey);
    if (mine) mine.push(c);
    else byOffice.set(c.officeKey, [c]);
  }
  const rows = cov.offices.map((o) => {
    const cells = byOffice.get(o.key) ?? [];
    return [
      officeLabel(o),
      o.level,
      ...cells.map((c) => (style.terminal ? STATE_MARK[c.state] : c.state)),
      cells.reduce((n, c) => n + c.submissions, 0),
    ] as Cell[];
  });
  const s = cov.summary;
  const notes = style.terminal
    ? [
        '',
        `ok = submitted, flag = submitted with open validation flags, · = missing`,
        `${s.expected} expected reports: ${s.submitted} submitted, ${s.flagged} flagged, ${s.missing} missing` +
          (cov.unplaced.length ? `; ${cov.unplaced.length} stored without a fiscal year or quarter: ${cov.unplaced.map((u) => u.file).join(', ')}` : ''),
      ]
    : [];
  return { name: 'coverage', columns, rows, notes };
}

/** The value fields the `indicator` query shows: the quarterly values and the total against the target. */
export const INDICATOR_QUERY_FIELDS: IndicatorValueField[] = ['unit', 'target', 'q1', 'q2', 'q3', 'q4', 'total'];

function fieldCell(r: IndicatorRow, f: IndicatorValueField, style: TableStyle): Cell {
  const fv = r.fields[f];
  if (!fv) return null;
  const v = f === 'unit' ? displayUnit(fv.value) : displayValue(fv.value);
  if (style.terminal && fv.corrected) return `${v ?? '-'}*`;
  return v;
}

function catalogueId(r: IndicatorRow, links: CatalogueLinks): string | null {
  return catalogueEntryFor(r.fiscalYear, r.code, links)?.id ?? null;
}

const CORRECTED_NOTE = '* = value corrected by a reviewer (the OCR reading is kept in the database)';

/** One row per office and reported period: quarterly values and total of the selected indicator. */
export function indicatorTable(rows: readonly IndicatorRow[], links: CatalogueLinks, style: TableStyle, name: string, notes: string[] = []): ResultTable {
  const columns: Column[] = [
    { key: 'office', header: 'office' },
    { key: 'level', header: 'level' },
    { key: 'fiscalYear', header: 'fy' },
    { key: 'quarter', header: 'report' },
    { key: 'code', header: 'code' },
    { key: 'catalogue', header: 'catalogue' },
    ...INDICATOR_QUERY_FIELDS.map((f) => ({ key: f, header: f })),
    { key: 'corrected', header: 'corrected' },
    { key: 'flags', header: 'flags', numeric: true },
    { key: 'file', header: 'file', verbatim: true },
    { key: 'page', header: 'page', numeric: true },
  ];
  const out = rows.map((r) => [
    officeLabel({ name: r.officeName, level: r.level, division: r.division, district: r.district, upazila: r.upazila }),
    r.level,
    r.fiscalYear,
    r.quarter,
    r.code,
    catalogueId(r, links),
    ...INDICATOR_QUERY_FIELDS.map((f) => fieldCell(r, f, style)),
    r.corrected.join(' ') || null,
    r.flags,
    r.file,
    r.page,
  ] as Cell[]);
  const allNotes = style.terminal ? [...(rows.some((r) => r.corrected.length) ? ['', CORRECTED_NOTE] : []), ...notes] : [];
  return { name, columns, rows: out, notes: allNotes };
}

const OFFICE_FIELDS: IndicatorValueField[] = ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score', 'remarks'];

/** Every indicator record of an office over all its periods. */
export function officeTable(rows: readonly IndicatorRow[], offices: readonly OfficeRef[], links: CatalogueLinks, style: TableStyle): ResultTable {
  const several = offices.length > 1;
  const columns: Column[] = [
    ...(several ? [{ key: 'office', header: 'office' }] : []),
    { key: 'fiscalYear', header: 'fy' },
    { key: 'quarter', header: 'report' },
    { key: 'code', header: 'code' },
    { key: 'catalogue', header: 'catalogue' },
    { key: 'indicator', header: 'indicator', maxWidth: 32 },
    ...OFFICE_FIELDS.map((f) => ({ key: f, header: f, maxWidth: f === 'remarks' ? 20 : undefined })),
    { key: 'corrected', header: 'corrected' },
    { key: 'flags', header: 'flags', numeric: true },
    { key: 'file', header: 'file', verbatim: true },
    { key: 'page', header: 'page', numeric: true },
  ];
  const out = rows.map((r) => [
    ...(several ? [officeLabel({ name: r.officeName, level: r.level, division: r.division, district: r.district, upazila: r.upazila })] : []),
    r.fiscalYear,
    r.quarter,
    r.code,
    catalogueId(r, links),
    r.indicator?.replace(/^\s*\[[^\]]*\]\s*/u, '') ?? null,
    ...OFFICE_FIELDS.map((f) => fieldCell(r, f, style)),
    r.corrected.join(' ') || null,
    r.flags,
    r.file,
    r.page,
  ] as Cell[]);
  const head = offices.map((o) => `${o.name ?? officeLabel(o)} (${o.level ?? 'level unknown'}; ${[o.upazila, o.district, o.division].filter(Boolean).join(', ')}): ${o.submissions} submission(s)`);
  const notes = style.terminal ? ['', ...head, ...(rows.some((r) => r.corrected.length) ? [CORRECTED_NOTE] : [])] : [];
  return { name: several ? 'offices' : `office ${officeLabel(offices[0] ?? { name: '?', level: null, division: null, district: null, upazila: null })}`, columns, rows: out, notes };
}

export function flagsTable(rows: readonly FlagRow[], style: TableStyle): ResultTable {
  const columns: Column[] = [
    { key: 'office', header: 'office' },
    { key: 'fiscalYear', header: 'fy' },
    { key: 'quarter', header: 'report' },
    { key: 'file', header: 'file', verbatim: true },
    { key: 'page', header: 'page', numeric: true },
    { key: 'code', header: 'code' },
    { key: 'field', header: 'field' },
    { key: 'rule', header: 'rule' },
    { key: 'message', header: 'message', maxWidth: 60 },
    { key: 'state', header: 'state' },
    { key: 'confidence', header: 'conf', numeric: true },
    { key: 'bbox', header: 'cell box (px)', verbatim: true },
  ];
  const out = rows.map((r) => [
    officeLabel({ name: r.officeName, level: r.level, division: r.division, district: r.district, upazila: r.upazila }),
    r.fiscalYear,
    r.quarter,
    r.file,
    r.page,
    r.occurrence != null && r.occurrence > 1 ? `${r.code}#${r.occurrence}` : r.code,
    r.field,
    r.rule,
    r.message,
    r.state,
    r.confidence == null ? null : Math.round(r.confidence * 100) / 100,
    r.bbox ? `${Math.round(r.bbox.x0)},${Math.round(r.bbox.y0)},${Math.round(r.bbox.x1)},${Math.round(r.bbox.y1)}` : null,
  ] as Cell[]);
  const files = new Set(rows.map((r) => r.file)).size;
  const notes = style.terminal ? ['', `${rows.length} flag(s) in ${files} file(s)`] : [];
  return { name: 'flags', columns, rows: out, notes };
}

export function sqlTable(res: SqlResult): ResultTable {
  return {
    name: 'sql',
    columns: res.columns.map((c, i) => ({ key: String(i), header: c, verbatim: true })),
    rows: res.rows.map((r) => r.map((c): Cell => (c == null ? null : typeof c === 'number' || typeof c === 'string' ? c : typeof c === 'bigint' ? Number(c) : Buffer.isBuffer(c) ? `<${c.length} bytes>` : String(c)))),
  };
}

export function catalogueTable(links: CatalogueLinks): ResultTable {
  const years = [...new Set(links.entries.flatMap((e) => e.members.map((m) => m.fiscalYear)))].sort();
  const columns: Column[] = [
    { key: 'id', header: 'id' },
    { key: 'unit', header: 'unit' },
    ...years.map((y) => ({ key: y, header: y })),
    { key: 'linked', header: 'linked' },
    { key: 'label', header: 'label', maxWidth: 70 },
  ];
  const rows = links.entries.map((e) => [
    e.id,
    e.unit,
    ...years.map((y) => e.members.find((m) => m.fiscalYear === y)?.code ?? null),
    e.members.length > 1 ? 'yes' : 'no',
    e.label,
  ] as Cell[]);
  return { name: 'catalogue', columns, rows, notes: [`${links.unlinked.length} code(s) linked to no other year: ${links.unlinked.join(', ')}`] };
}
