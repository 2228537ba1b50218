/**
 * What the analyst dashboard draws (served by src/server/dashboard.ts): the coverage matrix, one indicator
 * across offices and years, and an office against its district's and division's median. Every number comes
 * from the query layer the `query` command uses (db/analysis.ts over the views of migration 003), so it is
 * the current value, corrections applied. Each chart is one ResultTable — the rows the browser draws and the
 * rows the CSV/XLSX download writes — with, beside each row, where its values came from (file, page,
 * corrected by a person, open flags) for the hover.
 */
import type { Db } from '../../db/open.js';
import {
  achievementFigures,
  coverage,
  indicatorRows,
  listFiscalYears,
  listOffices,
  officeRows,
  quarterRank,
  reportPeriods,
  type AchievementFigures,
  type CoveragePeriod,
  type CoverageReport,
  type IndicatorRow,
  type OfficeRef,
  type OpenFlag,
} from '../../db/analysis.js';
import { catalogueEntryFor, loadCatalogueLinks, type CatalogueEntry, type CatalogueLinks } from '../../models/catalogue-links.js';
import { INDICATOR_VALUE_FIELDS, type IndicatorValueField } from '../../models/indicator.js';
import type { CellValue } from '../../models/value.js';
import { similarity, toAsciiDigits } from '../../pipeline/normalise/index.js';
import { achievementRate, countOf, datesOf } from '../../pipeline/validate/index.js';
import { displayUnit, type Cell, type Column, type ResultTable } from '../exports/table.js';
import { UnknownNameError, officeNames, resolveAreaOffices, resolveOffices, type Names } from './resolve.js';
import { coverageTable } from './tables.js';

export type Unit = 'date' | 'percent' | 'count';

/** An office as the dashboard shows it: its key (for links), label and place in both languages. */
export interface DashOffice {
  key: string;
  label: Names;
  level: string | null;
  district: Names | null;
  division: Names | null;
  submissions: number;
}

export function dashOffice(o: OfficeRef): DashOffice {
  const n = officeNames(o);
  return { key: o.key, label: n.label, level: o.level, district: n.district, division: n.division, submissions: o.submissions };
}

const officeCache = new WeakMap<Db, { stamp: string; offices: OfficeRef[] }>();

/** Changes whenever the database does: writes by this connection (total_changes()) or by another (data_version). */
function changeStamp(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}/${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
}

/**
 * listOffices(db), read again only after the database changed: by this connection (total_changes(), e.g. a
 * reviewer's correction through the same server) or by another one (data_version, e.g. an ingest running
 * beside the server). Every dashboard request resolves names against the office list.
 */
export function storedOffices(db: Db): OfficeRef[] {
  const stamp = changeStamp(db);
  const hit = officeCache.get(db);
  if (hit && hit.stamp === stamp) return hit.offices;
  const offices = listOffices(db);
  officeCache.set(db, { stamp, offices });
  return offices;
}

/** Places typed by the analyst (Bangla or English, any spelling the gazetteer knows) or an office key. */
export interface PlaceFilter {
  division?: string;
  district?: string;
  office?: string;
}

/** An office by its key (the dashboard's own links carry keys) or by any name `query office` takes. */
export function findOffices(all: readonly OfficeRef[], text: string): OfficeRef[] {
  const byKey = all.find((o) => o.key === text);
  return byKey ? [byKey] : resolveOffices(all, text);
}

/** The offices the filter names (every one given must hold), or null for every office. */
function officesIn(all: readonly OfficeRef[], f: PlaceFilter): OfficeRef[] | null {
  let chosen: OfficeRef[] | null = null;
  const narrow = (list: OfficeRef[]): void => {
    chosen = chosen ? chosen.filter((o) => list.includes(o)) : list;
  };
  if (f.division) narrow(resolveAreaOffices(all, f.division, 'division'));
  if (f.district) narrow(resolveAreaOffices(all, f.district, 'district'));
  if (f.office) narrow(findOffices(all, f.office));
  return chosen;
}

const periodLabel = (p: CoveragePeriod): string => `${p.fiscalYear} ${/^\d$/.test(p.quarter) ? `Q${p.quarter}` : p.quarter}`;

const comparePeriods = (a: CoveragePeriod, b: CoveragePeriod): number =>
  a.fiscalYear < b.fiscalYear ? -1 : a.fiscalYear > b.fiscalYear ? 1 : quarterRank(a.quarter) - quarterRank(b.quarter);

// ------------------------------------------------------------------------------------------------ options

export interface DashboardOptions {
  divisions: (Names & { offices: number })[];
  districts: (Names & { division: Names | null; offices: number })[];
  offices: DashOffice[];
  fiscalYears: string[];
  /** catalogue entries: `label` English (the reviewer's), `indicator` the latest year's Bangla wording */
  catalogue: { id: string; label: Names; unit: Unit; members: { fiscalYear: string; code: string }[] }[];
}

/** What the filters can offer: the places, offices and years in the database, and the catalogue. */
export function dashboardOptions(db: Db, links: CatalogueLinks = loadCatalogueLinks()): DashboardOptions {
  const offices = storedOffices(db).map(dashOffice);
  const divisions = new Map<string, Names & { offices: number }>();
  const districts = new Map<string, Names & { division: Names | null; offices: number }>();
  for (const o of offices) {
    if (o.division) {
      const d = divisions.get(o.division.bn) ?? { ...o.division, offices: 0 };
      d.offices++;
      divisions.set(o.division.bn, d);
    }
    if (o.district) {
      const d = districts.get(o.district.bn) ?? { ...o.district, division: o.division, offices: 0 };
      d.offices++;
      districts.set(o.district.bn, d);
    }
  }
  return {
    divisions: [...divisions.values()],
    districts: [...districts.values()],
    offices,
    fiscalYears: listFiscalYears(db),
    catalogue: links.entries.map((e) => ({
      id: e.id,
      label: { bn: e.members.at(-1)!.indicator, en: e.label },
      unit: e.unit,
      members: e.members.map((m) => ({ fiscalYear: m.fiscalYear, code: m.code })),
    })),
  };
}

// ----------------------------------------------------------------------------------------------- coverage

export interface CoverageView {
  offices: DashOffice[];
  periods: CoveragePeriod[];
  summary: { expected: number; submitted: number; flagged: number; missing: number };
  unplaced: { file: string; officeKey: string; fiscalYear: string | null; quarter: string | null }[];
  /** `query coverage`'s table: office, level, one state column per period, reports. Drawn as the heatmap. */
  heatmap: ResultTable;
  /** [office][period]: the stored reports behind each heatmap cell, for its link and hover (tuples: 24,000 cells for a national archive) */
  reports: ReportTuple[][][];
  /** period, submitted, flagged, missing: the bar chart under the heatmap */
  byPeriod: ResultTable;
}

/** A report behind a heatmap cell: [submission id, file, open flags, metadata corrected (1/0), reviewed (1/0)]. */
export type ReportTuple = [number, string, number, 0 | 1, 0 | 1];

const reportTuple = (r: CoverageReport): ReportTuple => [r.submissionId, r.file, r.openFlags, r.metaCorrected ? 1 : 0, r.reviewed ? 1 : 0];

export function coverageView(db: Db, q: PlaceFilter & { fiscalYears?: readonly string[] }): CoverageView {
  const all = storedOffices(db);
  const chosen = officesIn(all, q);
  const cov = coverage(db, { ...(chosen ? { officeKeys: chosen.map((o) => o.key) } : {}), ...(q.fiscalYears ? { fiscalYears: q.fiscalYears } : {}) }, { reports: true, offices: all });
  const byOffice = new Map<string, ReportTuple[][]>();
  for (const c of cov.cells) {
    let mine = byOffice.get(c.officeKey);
    if (!mine) byOffice.set(c.officeKey, (mine = []));
    mine.push((c.reports ?? []).map(reportTuple));
  }
  const optional = cov.periods.map((p) => !/^[1-4]$/.test(p.quarter));
  const counts = cov.periods.map(() => ({ submitted: 0, flagged: 0, missing: 0 }));
  const np = cov.periods.length;
  cov.cells.forEach((c, i) => {
    const k = i % np;
    // nobody is missing an H1 or annual report (coverage() does not expect them)
    if (optional[k] && c.state === 'missing') return;
    counts[k]![c.state]++;
  });
  const byPeriod: ResultTable = {
    name: 'coverage by period',
    columns: [
      { key: 'period', header: 'period' },
      { key: 'fiscalYear', header: 'fy' },
      { key: 'quarter', header: 'report' },
      { key: 'submitted', header: 'submitted', numeric: true },
      { key: 'flagged', header: 'flagged', numeric: true },
      { key: 'missing', header: 'missing', numeric: true },
    ],
    rows: cov.periods.map((p, k) => [periodLabel(p), p.fiscalYear, p.quarter, counts[k]!.submitted, counts[k]!.flagged, counts[k]!.missing]),
  };
  return {
    offices: cov.offices.map(dashOffice),
    periods: cov.periods,
    summary: cov.summary,
    unplaced: cov.unplaced,
    heatmap: coverageTable(cov, { terminal: false }),
    reports: cov.offices.map((o) => byOffice.get(o.key) ?? []),
    byPeriod,
  };
}

// ---------------------------------------------------------------------------------------------- indicator

/** A value as drawn, with what the hover says about it. */
export interface DrawnValue {
  /** what is drawn: a number, or an ISO date for a date indicator; null when the cell holds neither (a gap) */
  value: number | string | null;
  /** what was printed (or typed by the reviewer who corrected it) */
  raw: string | null;
  /** a person corrected this value */
  corrected: boolean;
  /** messages of the open validation flags on this value or on its whole record */
  flags: string[];
}

/** What a table row's values are beside the row (its office, period, file and page are the row's own cells). */
export interface IndicatorPoint {
  /** index into IndicatorView.offices */
  office: number;
  submissionId: number;
  target: DrawnValue;
  achievement: DrawnValue;
}

export interface IndicatorView {
  indicator: { entry: string | null; code: string | null; label: Names; unit: Unit | null; members: { fiscalYear: string; code: string }[] };
  offices: DashOffice[];
  /** the x axis: every quarter of the years drawn (H1/annual where such reports exist) */
  periods: CoveragePeriod[];
  /** one row per report: office, period, target, achievement (the total so far), flagged, corrected, file, page */
  table: ResultTable;
  /** table.rows[i]'s provenance */
  points: IndicatorPoint[];
}

export type IndicatorPick = { entry: string } | { code: string };

const CODE = /^[0-9০-৯]+(\.[0-9০-৯]+)+$/;
export const isIndicatorCode = (s: string): boolean => CODE.test(s.trim());

const VALUE_FIELDS = new Set<string>(INDICATOR_VALUE_FIELDS);

/** Messages of the open flags that put `field` in doubt: its own, and those on the record as a whole. */
function flagsOn(flags: readonly OpenFlag[] | undefined, field: IndicatorValueField): string[] {
  return (flags ?? []).filter((f) => f.field === field || f.field == null || !VALUE_FIELDS.has(f.field)).map((f) => f.message);
}

const asUnit = (u: CellValue | undefined): Unit | null => (u === 'date' || u === 'percent' || u === 'count' ? u : null);

function unitOf(r: IndicatorRow): Unit | null {
  return asUnit(r.fields.unit?.value);
}

/** The number (or date) a value draws as under `unit`. */
export function plotValue(unit: Unit | null, v: CellValue): number | string | null {
  if (unit === 'date') return datesOf(v)[0] ?? null;
  return countOf(v);
}

function drawn(r: IndicatorRow, field: IndicatorValueField, unit: Unit | null): DrawnValue {
  const f = r.fields[field];
  return { value: f ? plotValue(unit, f.value) : null, raw: f?.raw ?? null, corrected: f?.corrected === true, flags: flagsOn(r.openFlags, field) };
}

function closestEntries(text: string, links: CatalogueLinks): string[] {
  return links.entries
    .map((e) => ({ id: e.id, s: Math.max(similarity(e.id, text), similarity(e.label, text), ...e.members.map((m) => similarity(m.indicator, text))) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.id);
}

export function indicatorView(db: Db, pick: IndicatorPick, q: PlaceFilter & { fiscalYears?: readonly string[] }, links: CatalogueLinks = loadCatalogueLinks()): IndicatorView {
  let entry: CatalogueEntry | null = null;
  let code: string | null = null;
  if ('entry' in pick) {
    entry = links.entries.find((e) => e.id === pick.entry.trim().toLowerCase()) ?? null;
    if (!entry) throw new UnknownNameError(`unknown catalogue entry "${pick.entry}"; closest: ${closestEntries(pick.entry, links).join(', ')}`);
  } else {
    code = toAsciiDigits(pick.code.trim());
  }
  const all = storedOffices(db);
  const chosen = officesIn(all, q);
  const fields: IndicatorValueField[] = ['unit', 'target', 'total'];
  const scope = { ...(chosen ? { officeKeys: chosen.map((o) => o.key) } : {}), ...(q.fiscalYears ? { fiscalYears: q.fiscalYears } : {}), fields, openFlags: true };
  const rows = chosen && chosen.length === 0 ? [] : indicatorRows(db, entry ? { members: entry.members } : { code: code! }, scope);
  if (code && rows.length === 0) {
    const inCatalogue = links.entries.some((e) => e.members.some((m) => m.code === code));
    const stored = (db.prepare('SELECT 1 FROM indicators WHERE indicator_code = ? LIMIT 1').get(code) as unknown) != null;
    if (!inCatalogue && !stored) {
      const codes = [...new Set(links.entries.flatMap((e) => e.members.map((m) => m.code)))].sort((a, b) => similarity(b, code!) - similarity(a, code!)).slice(0, 3);
      throw new UnknownNameError(`unknown indicator code ${code}: no year of the catalogue has it and no stored report; closest codes: ${codes.join(', ')}`);
    }
  }
  // the entry of a code, when the catalogue has one, gives its unit and English label
  const codeEntry = code ? (rows.map((r) => catalogueEntryFor(r.fiscalYear, r.code, links)).find((e) => e) ?? links.entries.find((e) => e.members.some((m) => m.code === code)) ?? null) : null;
  const unit: Unit | null = entry?.unit ?? codeEntry?.unit ?? majorityUnit(rows);
  const label: Names = entry
    ? { bn: entry.members.at(-1)!.indicator, en: entry.label }
    : { bn: rows[0]?.indicator?.replace(/^\s*\[[^\]]*\]\s*/u, '') ?? code!, en: codeEntry ? `${codeEntry.label} (${code})` : `indicator ${code}` };

  const withRows = new Set(rows.map((r) => r.officeKey));
  const offices = all.filter((o) => withRows.has(o.key)).map(dashOffice);
  const officeIndex = new Map(offices.map((o, k) => [o.key, k]));
  const points: IndicatorPoint[] = rows.map((r) => ({
    office: officeIndex.get(r.officeKey)!,
    submissionId: r.submissionId,
    target: drawn(r, 'target', unit),
    achievement: drawn(r, 'total', unit),
  }));
  const columns: Column[] = [
    { key: 'office', header: 'office' },
    { key: 'level', header: 'level' },
    { key: 'fiscalYear', header: 'fy' },
    { key: 'quarter', header: 'report' },
    { key: 'code', header: 'code' },
    { key: 'catalogue', header: 'catalogue' },
    { key: 'unit', header: 'unit' },
    { key: 'target', header: 'target', numeric: unit !== 'date' },
    { key: 'achievement', header: 'achievement', numeric: unit !== 'date' },
    { key: 'flagged', header: 'flagged' },
    { key: 'corrected', header: 'corrected' },
    { key: 'file', header: 'file', verbatim: true },
    { key: 'page', header: 'page', numeric: true },
  ];
  const tableRows: Cell[][] = rows.map((r, i) => {
    const p = points[i]!;
    const flagged = [p.target.flags.length ? 'target' : null, p.achievement.flags.length ? 'achievement' : null].filter(Boolean).join(' ');
    const corrected = [p.target.corrected ? 'target' : null, p.achievement.corrected ? 'achievement' : null].filter(Boolean).join(' ');
    return [
      offices[officeIndex.get(r.officeKey)!]?.label.bn ?? r.officeName,
      r.level,
      r.fiscalYear,
      r.quarter,
      r.code,
      catalogueEntryFor(r.fiscalYear, r.code, links)?.id ?? null,
      r.fields.unit ? displayUnit(r.fields.unit.value) : null,
      p.target.value,
      p.achievement.value,
      flagged || null,
      corrected || null,
      r.file,
      r.page,
    ];
  });
  const years = [...new Set(rows.map((r) => r.fiscalYear).filter((y): y is string => y != null))];
  const extra = rows.filter((r) => r.fiscalYear && r.quarter && !/^[1-4]$/.test(r.quarter)).map((r) => ({ fiscalYear: r.fiscalYear!, quarter: r.quarter! }));
  const periods = dedupePeriods([...years.flatMap((fy) => ['1', '2', '3', '4'].map((quarter) => ({ fiscalYear: fy, quarter }))), ...extra]).sort(comparePeriods);
  return {
    indicator: { entry: entry?.id ?? null, code, label, unit, members: (entry ?? codeEntry)?.members.map((m) => ({ fiscalYear: m.fiscalYear, code: m.code })) ?? [] },
    offices,
    periods,
    table: { name: entry?.id ?? `indicator ${code}`, columns, rows: tableRows },
    points,
  };
}

function dedupePeriods(ps: CoveragePeriod[]): CoveragePeriod[] {
  return [...new Map(ps.map((p) => [`${p.fiscalYear}|${p.quarter}`, p])).values()];
}

function majorityUnit(rows: readonly IndicatorRow[]): Unit | null {
  const n = new Map<Unit, number>();
  for (const r of rows) {
    const u = unitOf(r);
    if (u) n.set(u, (n.get(u) ?? 0) + 1);
  }
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

// ------------------------------------------------------------------------------------------------- office

/** One office's value behind a median. */
export interface MedianMember {
  officeKey: string;
  office: Names;
  rate: number;
  submissionId: number;
  file: string;
  page: number;
  corrected: boolean;
}

export interface Median {
  /** null when no office of the area has a rate for the indicator */
  median: number | null;
  /** offices with a rate */
  n: number;
  /** the middle office(s) the median is (the mean of two for an even count) */
  from: MedianMember[];
}

export interface OfficeIndicator {
  code: string;
  submissionId: number;
  file: string;
  page: number;
  target: DrawnValue;
  achievement: DrawnValue;
  /** the office's achievement rate (%), null when undefined */
  rate: number | null;
  district: Median | null;
  division: Median | null;
}

export interface OfficeView {
  office: DashOffice;
  period: CoveragePeriod;
  /** every period the office has a report for, oldest first */
  periods: CoveragePeriod[];
  /** offices of its district and division with a report for the same period */
  peers: { district: Names | null; districtOffices: number; division: Names | null; divisionOffices: number };
  /** one row per indicator of the office's report: the rate against the district's and division's median */
  table: ResultTable;
  indicators: OfficeIndicator[];
}

const round1 = (x: number | null): number | null => (x == null ? null : Math.round(x * 10) / 10);

const PEER_FIELDS: IndicatorValueField[] = ['unit', 'target', 'total'];

/** Per office and code ("key|code"): the first record of the latest stored report (several may be stored for a period). */
function pickLatest<R extends { officeKey: string; code: string; submissionId: number; occurrence: number }>(rows: readonly R[]): Map<string, R> {
  const best = new Map<string, R>();
  for (const r of rows) {
    const k = `${r.officeKey}|${r.code}`;
    const seen = best.get(k);
    if (!seen || r.submissionId > seen.submissionId || (r.submissionId === seen.submissionId && r.occurrence < seen.occurrence)) best.set(k, r);
  }
  return best;
}

const peerCache = new WeakMap<Db, Map<string, Map<string, AchievementFigures>>>();
const PEER_CACHE_SIZE = 16;

/**
 * The current target and total of every record the offices reported for the period, by "key|code":
 * thousands of records for a division, so kept until the database changes (the next office of the same
 * division and period reads nothing again).
 */
function peerValues(db: Db, officeKeys: readonly string[], period: CoveragePeriod): Map<string, AchievementFigures> {
  const key = `${changeStamp(db)}|${period.fiscalYear}|${period.quarter}|${[...officeKeys].sort().join('\n')}`;
  let cache = peerCache.get(db);
  if (!cache) peerCache.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const best = pickLatest(achievementFigures(db, { officeKeys, fiscalYears: [period.fiscalYear], quarters: [period.quarter] }));
  if (cache.size >= PEER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, best);
  return best;
}

/** Forget remembered peer values (the benchmark times requests without them). */
export function clearDashboardCaches(db: Db): void {
  peerCache.delete(db);
  officeCache.delete(db);
}

/**
 * The achievement rate of a record: total ÷ target for counts and percentages (capped at 100), 100 for a
 * date achieved on or before its target date (validate's achievementRate, the rule the rate and score checks
 * use), computed from the current values for every format alike (only format C prints a rate column).
 */
function rateOf(r: IndicatorRow): number | null {
  const target = r.fields.target?.value ?? null;
  const total = r.fields.total?.value ?? null;
  return achievementRate(unitOf(r), target, total);
}

function medianOf(members: MedianMember[]): Median {
  const s = [...members].sort((a, b) => a.rate - b.rate || (a.officeKey < b.officeKey ? -1 : 1));
  if (s.length === 0) return { median: null, n: 0, from: [] };
  const mid = Math.floor(s.length / 2);
  const from = s.length % 2 ? [s[mid]!] : [s[mid - 1]!, s[mid]!];
  return { median: round1(from.reduce((a, m) => a + m.rate, 0) / from.length), n: s.length, from };
}

export function officeView(db: Db, q: { office: string; fiscalYear?: string; quarter?: string }, links: CatalogueLinks = loadCatalogueLinks()): OfficeView {
  const all = storedOffices(db);
  const found = findOffices(all, q.office);
  if (found.length > 1) throw new UnknownNameError(`"${q.office}" names ${found.length} offices: ${found.map((o) => officeNames(o).label.bn).join('; ')}; name one of them`);
  const office = found[0]!;
  const periods = reportPeriods(db, office.key);
  const me = dashOffice(office);
  let period: CoveragePeriod | undefined;
  if (q.fiscalYear || q.quarter) {
    period = periods.filter((p) => (!q.fiscalYear || p.fiscalYear === q.fiscalYear) && (!q.quarter || p.quarter === q.quarter)).at(-1);
    if (!period) {
      throw new UnknownNameError(
        `${me.label.bn} has no report for ${[q.fiscalYear, q.quarter && `Q${q.quarter}`].filter(Boolean).join(' ')}; its reports: ${periods.map(periodLabel).join(', ') || 'none with a fiscal year and quarter'}`,
      );
    }
  } else period = periods.at(-1);
  const district = office.district ? resolveAreaOffices(all, office.district, 'district', { suggest: false }) : [office];
  const division = office.division ? resolveAreaOffices(all, office.division, 'division', { suggest: false }) : [office];
  const peerKeys = [...new Set([office, ...district, ...division].map((o) => o.key))];
  const best = period ? peerValues(db, peerKeys, period) : new Map<string, AchievementFigures>();
  // the office's own records in full (wording, open flags), the same ones `best` holds for it
  const own = period
    ? pickLatest(officeRows(db, { officeKeys: [office.key], fiscalYears: [period.fiscalYear], quarters: [period.quarter], fields: PEER_FIELDS, openFlags: true }))
    : new Map<string, IndicatorRow>();
  const mine = [...own.values()].sort((a, b) => a.page - b.page || a.row - b.row);
  const labels = new Map([...district, ...division].map((o) => [o.key, officeNames(o).label]));
  const membersFor = (area: OfficeRef[], code: string): MedianMember[] =>
    area.flatMap((o) => {
      const r = best.get(`${o.key}|${code}`);
      const rate = r ? achievementRate(asUnit(r.unit), r.target, r.total) : null;
      if (!r || rate == null) return [];
      return [{ officeKey: o.key, office: labels.get(o.key)!, rate: round1(rate)!, submissionId: r.submissionId, file: r.file, page: r.page, corrected: r.corrected.some((f) => f === 'target' || f === 'total') }];
    });
  const withDistrict = Boolean(office.district);
  const withDivision = Boolean(office.division);
  const indicators: OfficeIndicator[] = mine.map((r) => {
    const unit = unitOf(r);
    return {
      code: r.code,
      submissionId: r.submissionId,
      file: r.file,
      page: r.page,
      target: drawn(r, 'target', unit),
      achievement: drawn(r, 'total', unit),
      rate: round1(rateOf(r)),
      district: withDistrict ? medianOf(membersFor(district, r.code)) : null,
      division: withDivision ? medianOf(membersFor(division, r.code)) : null,
    };
  });
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'catalogue', header: 'catalogue' },
    { key: 'indicator', header: 'indicator' },
    { key: 'unit', header: 'unit' },
    { key: 'target', header: 'target' },
    { key: 'achievement', header: 'achievement' },
    { key: 'rate', header: 'rate %', numeric: true },
    { key: 'districtMedian', header: 'district median %', numeric: true },
    { key: 'districtOffices', header: 'district offices', numeric: true },
    { key: 'divisionMedian', header: 'division median %', numeric: true },
    { key: 'divisionOffices', header: 'division offices', numeric: true },
    { key: 'flagged', header: 'flagged' },
    { key: 'corrected', header: 'corrected' },
    { key: 'file', header: 'file', verbatim: true },
    { key: 'page', header: 'page', numeric: true },
  ];
  const tableRows: Cell[][] = mine.map((r, i) => {
    const x = indicators[i]!;
    return [
      r.code,
      catalogueEntryFor(r.fiscalYear, r.code, links)?.id ?? null,
      r.indicator?.replace(/^\s*\[[^\]]*\]\s*/u, '') ?? null,
      r.fields.unit ? displayUnit(r.fields.unit.value) : null,
      x.target.value,
      x.achievement.value,
      x.rate,
      x.district?.median ?? null,
      x.district?.n ?? null,
      x.division?.median ?? null,
      x.division?.n ?? null,
      [x.target.flags.length ? 'target' : null, x.achievement.flags.length ? 'achievement' : null].filter(Boolean).join(' ') || null,
      [x.target.corrected ? 'target' : null, x.achievement.corrected ? 'achievement' : null].filter(Boolean).join(' ') || null,
      r.file,
      r.page,
    ];
  });
  const reporting = (area: OfficeRef[]): number => new Set([...best.values()].filter((r) => area.some((o) => o.key === r.officeKey)).map((r) => r.officeKey)).size;
  return {
    office: me,
    period: period ?? { fiscalYear: '', quarter: '' },
    periods,
    peers: { district: me.district, districtOffices: reporting(district), division: me.division, divisionOffices: reporting(division) },
    table: { name: `office ${me.label.bn}${period ? ` ${periodLabel(period)}` : ''}`, columns, rows: tableRows },
    indicators,
  };
}
