/**
 * Names analysts type → what the database stores. Offices and places may be typed in Bangla or English, in
 * an older spelling or with a typo ("Dumuria", "ডুমুরিয়া", "Barisal", "জেলা সমবায় কার্যালয়, বরিশাল"); they are
 * matched through the gazetteer to BBS codes, and the stored offices are matched the same way, so the two
 * sides never need the same spelling.
 */
import { findPlacesInText, resolvePlace, type Place } from '../../pipeline/metadata/gazetteer.js';
import { comparisonKey, parseFiscalYear, similarity, toAsciiDigits } from '../../pipeline/normalise/index.js';
import { officeLabel, type OfficeRef } from '../../db/analysis.js';
import { loadGazetteer } from '../../models/gazetteer.js';

/** A name that matched nothing; the message lists what would have matched. */
export class UnknownNameError extends Error {}

type Level = 'upazila' | 'district' | 'division';

interface OfficePlace {
  office: OfficeRef;
  division: string | null;
  district: string | null;
  upazila: string | null;
}

const placeCache = new Map<string, Omit<OfficePlace, 'office'>>();

/**
 * The BBS codes of a stored office's place, as far as its stored names resolve. Remembered per set of
 * names: a server resolves the same few hundred offices on every request.
 */
function placeOf(o: OfficeRef): OfficePlace {
  const key = JSON.stringify([o.level, o.division, o.district, o.upazila]);
  let codes = placeCache.get(key);
  if (!codes) {
    codes = placeCodes(o);
    if (placeCache.size > 10_000) placeCache.clear();
    placeCache.set(key, codes);
  }
  return { office: o, ...codes };
}

function placeCodes(o: OfficeRef): Omit<OfficePlace, 'office'> {
  const district = o.district ? (resolvePlace(o.district, { level: 'district', limit: 1 })[0]?.place ?? null) : null;
  const division = o.division
    ? (resolvePlace(o.division, { level: 'division', limit: 1 })[0]?.place.division.code ?? null)
    : (district?.division.code ?? null);
  let upazila: string | null = null;
  if (o.upazila) {
    const ups = resolvePlace(o.upazila, { level: 'upazila', limit: 10 });
    // an upazila name can repeat across districts (ফুলবাড়ী): take the one in the office's district
    const hit = ups.find((m) => !district || m.place.district?.code === district.code) ?? ups[0];
    upazila = hit ? `${hit.place.district?.code}/${hit.place.code}` : null;
  }
  return { division, district: district?.code ?? null, upazila };
}

const LEVEL_WORDS: { level: Level; words: string[] }[] = [
  { level: 'upazila', words: ['উপজেলা', 'upazila', 'upazilla', 'thana'] },
  { level: 'division', words: ['বিভাগীয়', 'বিভাগ', 'division', 'divisional'] },
  { level: 'district', words: ['জেলা', 'district', 'zila', 'zilla'] },
];

/** The office level the text names ("উপজেলা সমবায় কার্যালয়" → upazila), if any. */
function levelHint(text: string): Level | null {
  const words = text.toLowerCase().split(/[\s,]+/u).map(comparisonKey);
  for (const { level, words: ws } of LEVEL_WORDS) if (ws.some((w) => words.includes(comparisonKey(w)))) return level;
  return null;
}

function placesIn(text: string): Place[] {
  const out = new Map<string, Place>();
  const add = (p: Place): void => {
    out.set(`${p.level}:${p.district?.code ?? p.division.code}/${p.upazila?.code ?? ''}`, p);
  };
  for (const m of resolvePlace(text, { limit: 10 })) add(m.place);
  if (out.size === 0) for (const f of findPlacesInText(text)) for (const m of f.matches) add(m.place);
  return [...out.values()];
}

function isOwnPlace(op: OfficePlace, p: Place): boolean {
  const lvl = op.office.level;
  if (p.level === 'upazila') return op.upazila === `${p.district?.code}/${p.code}`;
  if (p.level === 'district') return lvl === 'district' && op.district === p.code;
  return lvl === 'division' && op.division === p.code;
}

function isWithin(op: OfficePlace, p: Place): boolean {
  if (p.level === 'upazila') return isOwnPlace(op, p);
  if (p.level === 'district') return op.district === p.code;
  return op.division === p.code;
}

const NAME_MATCH = 0.85;

/**
 * The stored offices a name means: the office whose own place it is (an upazila name → that upazila's
 * office; a district name → the district office), or whose printed name it closely matches. Throws
 * UnknownNameError listing candidates when nothing matches.
 */
export function resolveOffices(offices: readonly OfficeRef[], text: string): OfficeRef[] {
  const name = text.trim();
  if (!name) throw new UnknownNameError('empty office name');
  if (offices.length === 0) throw new UnknownNameError(`unknown office "${name}": the database has no submissions`);
  const places = placesIn(name);
  const hint = levelHint(name);
  const ops = offices.map(placeOf);
  let hits = ops.filter((op) => places.some((p) => isOwnPlace(op, p)));
  if (hint && hits.length > 1) {
    const narrowed = hits.filter((op) => op.office.level === hint);
    if (narrowed.length) hits = narrowed;
  }
  if (hits.length === 0) {
    const key = comparisonKey(name);
    hits = ops.filter((op) => op.office.name && (comparisonKey(op.office.name) === key || similarity(op.office.name, name) >= NAME_MATCH));
  }
  if (hits.length) return hits.map((h) => h.office);

  const inside = ops.filter((op) => places.some((p) => isWithin(op, p)));
  const where = places[0] ? `${places[0].bn} (${places[0].en}, ${places[0].level})` : null;
  if (inside.length) {
    throw new UnknownNameError(
      `no office of ${where} itself in the database; offices within it: ${inside.map((op) => officeLabel(op.office)).join('; ')} (use --district for every office of a district)`,
    );
  }
  const suggestions = [...offices]
    .map((o) => ({ o, s: Math.max(similarity(o.name ?? '', name), ...[o.upazila, o.district].map((n) => (n ? similarity(n, name) : 0))) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => officeLabel(x.o));
  throw new UnknownNameError(
    `unknown office "${name}"${where ? ` (read as ${where})` : ''}: no stored submission is from it; closest offices: ${suggestions.join('; ')}`,
  );
}

/** Offices in the district(s) a name means ("Barisal", "বরিশাল", "কক্স বাজার"). */
export function resolveDistrictOffices(offices: readonly OfficeRef[], text: string): OfficeRef[] {
  return resolveAreaOffices(offices, text, 'district', { suggest: false });
}

/**
 * Offices in the district(s) or division(s) a name means. An unknown name throws UnknownNameError; with
 * `suggest` (the default) its message names the closest districts/divisions that have stored offices.
 */
export function resolveAreaOffices(offices: readonly OfficeRef[], text: string, level: 'district' | 'division', opts: { suggest?: boolean } = {}): OfficeRef[] {
  const name = text.trim();
  const areas = resolvePlace(name, { level, limit: 3 });
  if (areas.length === 0) {
    const closest = opts.suggest === false ? [] : closestAreas(offices, name, level);
    throw new UnknownNameError(
      `unknown ${level} "${name}": not a ${level} name in the gazetteer` + (closest.length ? `; closest ${level}s with submissions: ${closest.map((n) => `${n.bn} (${n.en})`).join('; ')}` : ''),
    );
  }
  const codes = new Set(areas.map((d) => (level === 'district' ? d.place.code : d.place.division.code)));
  return offices
    .map(placeOf)
    .filter((op) => {
      const code = level === 'district' ? op.district : op.division;
      return code != null && codes.has(code);
    })
    .map((op) => op.office);
}

/** A name in both languages. */
export interface Names {
  bn: string;
  en: string;
}

/** The stored offices' districts or divisions most like `text`, in Bangla and English, best first. */
function closestAreas(offices: readonly OfficeRef[], text: string, level: 'district' | 'division', limit = 3): Names[] {
  const gaz = loadGazetteer();
  const entries = level === 'district' ? gaz.districts : gaz.divisions;
  const stored = new Set(offices.map(placeOf).map((op) => (level === 'district' ? op.district : op.division)));
  return entries
    .filter((e) => stored.has(e.code))
    .map((e) => ({ e, s: Math.max(...[e.bn, e.en, ...e.variants].map((n) => similarity(n, text))) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, limit)
    .map(({ e }) => ({ bn: e.bn, en: e.en }));
}

/** How an office and its place read in Bangla and English (English from the gazetteer; a place it cannot find keeps its printed name). */
export interface OfficeNames {
  label: Names;
  district: Names | null;
  division: Names | null;
}

const namesCache = new Map<string, OfficeNames>();

export function officeNames(o: OfficeRef): OfficeNames {
  const key = JSON.stringify([o.key, o.name, o.level, o.division, o.district, o.upazila]);
  const hit = namesCache.get(key);
  if (hit) return hit;
  const gaz = loadGazetteer();
  const op = placeOf(o);
  const district = op.district ? gaz.districts.find((d) => d.code === op.district) : undefined;
  const division = op.division ? gaz.divisions.find((d) => d.code === op.division) : undefined;
  const upazila = op.upazila ? gaz.upazilas.find((u) => `${u.parent}/${u.code}` === op.upazila) : undefined;
  const bn = officeLabel(o);
  let en = bn;
  if (o.level === 'upazila' && upazila) en = district ? `${upazila.en}, ${district.en}` : upazila.en;
  else if (o.level === 'district' && district) en = district.en;
  else if (o.level === 'division' && division) en = division.en;
  const out: OfficeNames = {
    label: { bn, en },
    district: district ? { bn: district.bn, en: district.en } : o.district ? { bn: o.district, en: o.district } : null,
    division: division ? { bn: division.bn, en: division.en } : o.division ? { bn: o.division, en: o.division } : null,
  };
  if (namesCache.size > 10_000) namesCache.clear();
  namesCache.set(key, out);
  return out;
}

/** Several names separated by commas or semicolons: "Dumuria; বরিশাল". Bangla office names contain commas, so only ';' splits those. */
export function splitNames(text: string, sep: RegExp = /;/): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * "2022-23", "২০২২-২৩", "2022-2023", a comma list, or a range "2022-23..2024-25" → ["2022-23", …].
 * Throws UnknownNameError for anything that is not a fiscal year.
 */
export function parseFiscalYears(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = part.split(/\.\.|:/);
    if (range.length === 2) {
      const [a, b] = range.map((r) => one(r));
      const start = Number(a!.slice(0, 4));
      const end = Number(b!.slice(0, 4));
      if (end < start) throw new UnknownNameError(`fiscal-year range "${part}" runs backwards`);
      for (let y = start; y <= end; y++) out.add(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
    } else out.add(one(part));
  }
  if (out.size === 0) throw new UnknownNameError('no fiscal year given');
  return [...out].sort();

  function one(raw: string): string {
    const r = parseFiscalYear(toAsciiDigits(raw));
    if (typeof r.value !== 'string' || !/^\d{4}-\d{2}$/.test(r.value)) throw new UnknownNameError(`not a fiscal year: "${raw}" (write 2022-23)`);
    return r.value;
  }
}
