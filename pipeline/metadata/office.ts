/**
 * Which office a text names: its level (উপজেলা / জেলা / বিভাগীয় সমবায় কার্যালয়) and its places, read from the
 * letterhead, the signature block, the Annex 5 office line or the BBS geocode in a memo number; and the
 * office a whole submission comes from, by weighing those readings and flagging the ones that disagree.
 */
import { distance } from 'fastest-levenshtein';
import type { GazetteerEntry, PlaceLevel } from '../../models/gazetteer.js';
import type { Office } from '../../models/submission.js';
import { comparisonKey, parseMemoParts, toAsciiDigits } from './norm.js';
import { findPlacesInText, lookupGeocode, type Place, type PlaceInText } from './gazetteer.js';

/** Where an office reading came from; the weight says how much a reviewer should trust that kind of source. */
export const OFFICE_SOURCE_WEIGHT = {
  /** Annex 5 "আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়" */
  annex_office_line: 1,
  letterhead: 0.9,
  signature: 0.8,
  /** a cover page or page title naming the office ("ফুলবাড়ী উপজেলার … প্রমাণকসমূহ") */
  title: 0.6,
  /** prose naming the reporting office ("উপজেলা সমবায় কার্যালয়, দেবীগঞ্জ, পঞ্চগড় এর ২০২২-২৩ অর্থবছরের") */
  body: 0.5,
  memo_geocode: 0.6,
} as const;
export type OfficeSource = keyof typeof OFFICE_SOURCE_WEIGHT;

/** What one piece of evidence says about the office. Names are the gazetteer's canonical Bangla. */
export interface OfficeReading {
  source: OfficeSource;
  page: number | null;
  /** null when the text named places but no office type */
  level: PlaceLevel | null;
  division: string | null;
  district: string | null;
  upazila: string | null;
  codes: { division: string | null; district: string | null; upazila: string | null };
  /** 0–1: how clearly this text names this office */
  confidence: number;
  text: string;
}

export interface OfficeDisagreement {
  source: OfficeSource;
  page: number | null;
  /** what that source said, e.g. "upazila: আটোয়ারী, পঞ্চগড়" */
  found: string;
  /** what the chosen office is */
  expected: string;
  kind: 'office' | 'unknown_geocode';
}

export interface OfficeFinding extends Office {
  confidence: number;
  disagreements: OfficeDisagreement[];
  /** the readings that support the chosen office, best first (the first one is the provenance) */
  support: OfficeReading[];
}

const OFFICE_TYPE_WORDS: Record<PlaceLevel, string> = {
  upazila: 'উপজেলা',
  district: 'জেলা',
  division: 'বিভাগীয়',
};

const SAMABAY = comparisonKey('সমবায়');

/**
 * The office type a text names ("উপজেলা সমবায় কার্যালয়", "জেলা সমবায় অফিসার", "বিভাগীয় সমবায় কার্যালয়",
 * "যুগ্ম-নিবন্ধক"), and the character offset right after it, or null. OCR-tolerant: the word before সমবায়
 * is compared with উপজেলা / জেলা / বিভাগীয়, so "পজেলা সমবায় অফিসার" still reads as upazila.
 */
export function officeLevelIn(text: string): { level: PlaceLevel; end: number } | null {
  const words = [...text.matchAll(/\S+/gu)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const k = comparisonKey(w[0]);
    if (k.includes(comparisonKey('যুগ্মনিবন্ধক')) || (k.includes(comparisonKey('যুগ্ম')) && comparisonKey(words[i + 1]?.[0] ?? '').startsWith(comparisonKey('নিবন্ধক'))))
      return { level: 'division', end: w.index + w[0].length };
    const next = words[i + 1];
    if (!next) continue;
    const nk = comparisonKey(next[0]);
    if (!(nk.startsWith(SAMABAY) || similar(nk.slice(0, SAMABAY.length), SAMABAY) >= 0.7)) continue;
    let best: PlaceLevel | null = null;
    let bestScore = 0.6;
    for (const level of ['upazila', 'district', 'division'] as const) {
      const s = similar(k, comparisonKey(OFFICE_TYPE_WORDS[level]));
      if (s > bestScore || (s === bestScore && level === 'upazila')) {
        best = level;
        bestScore = s;
      }
    }
    if (best) return { level: best, end: next.index + next[0].length };
  }
  return null;
}

function similar(a: string, b: string): number {
  return 1 - distance(a, b) / Math.max(a.length, b.length, 1);
}

interface Candidate {
  level: PlaceLevel;
  division: GazetteerEntry;
  district: GazetteerEntry | null;
  upazila: GazetteerEntry | null;
  support: number;
  conflict: number;
  parts: number;
}

/** Does a found place agree with this candidate office? The place may be the office's unit or an ancestor. */
function supports(p: Place, c: Candidate): boolean {
  if (p.level === 'division') return p.division.code === c.division.code;
  if (p.level === 'district') return c.district !== null && p.district?.code === c.district.code;
  return c.upazila !== null && p.upazila?.code === c.upazila.code && p.district?.code === c.district?.code;
}

/**
 * Reads the office named in a text (one or more lines). Places are looked for after the office-type words
 * when there are any ("উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়"), else in the whole text.
 * Null when the text names no place.
 */
export function readOffice(text: string | readonly string[], source: OfficeSource, page: number | null = null): OfficeReading | null {
  const full = (typeof text === 'string' ? text : text.join('\n')).trim();
  if (!full) return null;
  const typed = officeLevelIn(full);
  const placeText = typed ? full.slice(typed.end) : full;
  let found = findPlacesInText(placeText);
  if (found.length === 0 && typed) found = findPlacesInText(full);
  // A cover page says "ফুলবাড়ী উপজেলার …" without সমবায়: a level word right after a place still counts.
  const level = typed?.level ?? levelWordAfterPlace(full, found);
  if (found.length === 0) {
    // "বিভাগীয় যুগ্ম-নিবন্ধক" with no place below it still says which level of office signed.
    if (!typed) return null;
    return {
      source,
      page,
      level: typed.level,
      division: null,
      district: null,
      upazila: null,
      codes: { division: null, district: null, upazila: null },
      confidence: 0.3,
      text: full,
    };
  }

  const candidates = new Map<string, Candidate>();
  const addCandidate = (c: Omit<Candidate, 'support' | 'conflict' | 'parts'>): void => {
    const id = `${c.level}|${c.division.code}|${c.district?.code ?? ''}|${c.upazila?.code ?? ''}`;
    if (!candidates.has(id)) candidates.set(id, { ...c, support: 0, conflict: 0, parts: 0 });
  };
  for (const f of found) {
    for (const m of f.matches) {
      const p = m.place;
      if (p.level === 'upazila') addCandidate({ level: 'upazila', division: p.division, district: p.district, upazila: p.upazila });
      if (p.level === 'district') {
        addCandidate({ level: 'district', division: p.division, district: p.district, upazila: null });
        // An upazila office whose upazila OCR lost: keep the district, leave the upazila open.
        if (level === 'upazila') addCandidate({ level: 'upazila', division: p.division, district: p.district, upazila: null });
      }
      if (p.level === 'division') addCandidate({ level: 'division', division: p.division, district: null, upazila: null });
    }
  }
  for (const c of candidates.values()) scoreCandidate(c, found);

  const ranked = [...candidates.values()].sort(
    (a, b) => rank(b, level) - rank(a, level) || specificity(b) - specificity(a),
  );
  const best = ranked[0];
  if (!best) return null;
  let confidence = Math.min(1, best.support / Math.max(1, best.parts)) * partsFactor(best, level);
  if (best.conflict > 0) confidence *= best.support / (best.support + best.conflict);
  if (level && best.level !== level) confidence *= 0.6;
  // The same name in several districts (ফুলবাড়ী) with nothing to tell them apart: keep only what they share.
  const tied = ranked.filter((c) => c !== best && rank(c, level) === rank(best, level) && specificity(c) === specificity(best));
  if (tied.length) {
    const sameDivision = tied.every((c) => c.division.code === best.division.code);
    return {
      source,
      page,
      level: level ?? best.level,
      division: sameDivision ? best.division.bn : null,
      district: null,
      upazila: best.upazila?.bn ?? null,
      codes: { division: sameDivision ? best.division.code : null, district: null, upazila: null },
      confidence: round(confidence / (tied.length + 1)),
      text: full,
    };
  }
  return {
    source,
    page,
    level: level ?? best.level,
    division: best.division.bn,
    district: best.district?.bn ?? null,
    upazila: best.upazila?.bn ?? null,
    codes: { division: best.division.code, district: best.district?.code ?? null, upazila: best.upazila?.code ?? null },
    confidence: round(confidence),
    text: full,
  };
}

function scoreCandidate(c: Candidate, found: PlaceInText[]): void {
  for (const f of found) {
    const agreeing = f.matches.filter((m) => supports(m.place, c));
    if (agreeing.length) {
      c.support += Math.max(...agreeing.map((m) => m.score));
      c.parts++;
    } else {
      c.conflict += Math.max(...f.matches.map((m) => m.score)) * 0.5;
    }
  }
}

/** How strongly the candidate is supported, preferring the level the text names. */
function rank(c: Candidate, level: PlaceLevel | null): number {
  let r = c.support - c.conflict;
  if (level && c.level === level) r += 0.75;
  if (c.level === 'upazila' && c.upazila === null) r -= 0.5;
  return r;
}

function specificity(c: Candidate): number {
  return c.upazila ? 3 : c.district ? 2 : 1;
}

/** An upazila named with its district is much surer than an upazila name alone (names repeat across districts). */
function partsFactor(c: Candidate, level: PlaceLevel | null): number {
  if (c.level === 'upazila') return c.upazila ? (c.parts >= 2 ? 0.95 : 0.6) : 0.45;
  if (c.level === 'district') return level === 'district' ? 0.9 : 0.7;
  return level === 'division' ? 0.9 : 0.6;
}

function levelWordAfterPlace(text: string, found: PlaceInText[]): PlaceLevel | null {
  if (found.length === 0) return null;
  const k = comparisonKey(text);
  if (k.includes(comparisonKey('উপজেলার')) || k.includes(comparisonKey('উপজেলা'))) return 'upazila';
  if (k.includes(comparisonKey('জেলার'))) return 'district';
  return null;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

/**
 * The office a memo number's BBS geocode names ("৭৭০৪" → আটোয়ারী, পঞ্চগড়; "২২০০" → কক্সবাজার district;
 * "০০০০" → no geographic office). Returns the reading, or a disagreement note when the code is not a real one.
 */
export function readGeocode(
  geocode: { district: string; upazila: string } | null,
  page: number | null = null,
): { reading: OfficeReading | null; unknown: string | null } {
  if (!geocode || /^0+$/.test(geocode.district)) return { reading: null, unknown: null };
  const place = lookupGeocode(geocode.district, geocode.upazila);
  const text = `${geocode.district}${geocode.upazila}`;
  if (!place) return { reading: null, unknown: text };
  return {
    unknown: null,
    reading: {
      source: 'memo_geocode',
      page,
      level: place.level,
      division: place.division.bn,
      district: place.district?.bn ?? null,
      upazila: place.upazila?.bn ?? null,
      codes: { division: place.division.code, district: place.district?.code ?? null, upazila: place.upazila?.code ?? null },
      confidence: 0.9,
      text,
    },
  };
}

const OFFICE_NAME: Record<PlaceLevel, string> = {
  upazila: 'উপজেলা সমবায় কার্যালয়',
  district: 'জেলা সমবায় কার্যালয়',
  division: 'বিভাগীয় সমবায় কার্যালয়',
};

/** The office's name as the export prints it: "উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়". */
export function officeName(o: Pick<Office, 'level' | 'division' | 'district' | 'upazila'>): string | null {
  if (!o.level) return null;
  if (o.level === 'upazila') return o.upazila && o.district ? `${OFFICE_NAME.upazila}, ${o.upazila}, ${o.district}` : null;
  if (o.level === 'district') return o.district ? `${OFFICE_NAME.district}, ${o.district}` : null;
  return o.division ? `${OFFICE_NAME.division}, ${o.division}` : null;
}

function describe(r: Pick<OfficeReading, 'level' | 'division' | 'district' | 'upazila'>): string {
  const places = [r.upazila, r.district, r.level === 'division' ? r.division : null].filter(Boolean).join(', ');
  return `${r.level ?? 'unknown level'}: ${places || '—'}`;
}

/** A reading agrees with an office when every field it states matches (a partial reading agrees with more). */
function compatible(r: OfficeReading, o: OfficeReading): boolean {
  if (r.level && o.level && r.level !== o.level) return false;
  if (r.codes.division && o.codes.division && r.codes.division !== o.codes.division) return false;
  if (r.codes.district && o.codes.district !== r.codes.district) return false;
  if (r.codes.upazila && o.codes.upazila !== r.codes.upazila) return false;
  // An upazila name shared by several districts: only the name can be compared.
  if (r.upazila && !r.codes.upazila && o.upazila !== r.upazila) return false;
  return true;
}

function complete(r: OfficeReading): boolean {
  if (r.level === 'upazila') return r.codes.upazila !== null && r.codes.district !== null;
  if (r.level === 'district') return r.codes.district !== null;
  return r.level === 'division';
}

/**
 * Weighs office readings from several sources into one office. Confidence grows with agreeing independent
 * sources and falls with disagreeing ones; every disagreeing reading is listed so a reviewer can look.
 */
export function combineOfficeReadings(readings: readonly OfficeReading[], unknownGeocodes: readonly { code: string; page: number | null }[] = []): OfficeFinding {
  const weight = (r: OfficeReading): number => OFFICE_SOURCE_WEIGHT[r.source] * r.confidence;
  const candidates = readings.filter(complete);
  let best: OfficeReading | null = null;
  let bestSupport = 0;
  for (const c of candidates) {
    const s = readings.filter((r) => compatible(r, c)).reduce((a, r) => a + weight(r), 0);
    if (s > bestSupport + 1e-9 || (Math.abs(s - bestSupport) < 1e-9 && best && weight(c) > weight(best))) {
      best = c;
      bestSupport = s;
    }
  }
  const disagreements: OfficeDisagreement[] = unknownGeocodes.map((g) => ({
    source: 'memo_geocode',
    page: g.page,
    found: `geocode ${g.code}`,
    expected: best ? describe(best) : 'unknown',
    kind: 'unknown_geocode',
  }));
  if (!best) {
    return { name: null, level: null, division: null, district: null, upazila: null, confidence: 0, disagreements, support: [] };
  }
  const chosen = best;
  const support = readings.filter((r) => compatible(r, chosen)).sort((a, b) => weight(b) - weight(a));
  const oppose = readings.filter((r) => !compatible(r, chosen));
  for (const r of oppose) disagreements.push({ source: r.source, page: r.page, found: describe(r), expected: describe(chosen), kind: 'office' });
  const against = oppose.reduce((a, r) => a + weight(r), 0);
  const sources = new Set(support.map((r) => r.source)).size;
  // One source, however clear, is not corroborated; two or three agreeing kinds of source are.
  const coverage = 1 - Math.exp(-bestSupport * (0.6 + 0.25 * sources));
  const confidence = round(coverage * (bestSupport / (bestSupport + against)));
  const office: Office = {
    level: chosen.level,
    division: chosen.division,
    district: chosen.level === 'division' ? null : chosen.district,
    upazila: chosen.level === 'upazila' ? chosen.upazila : null,
    name: null,
  };
  office.name = officeName(office);
  return { ...office, confidence, disagreements, support };
}

function geocodeOf(g: { district: string; upazila: string } | string | null): { district: string; upazila: string } | null {
  if (g === null || typeof g === 'object') return g;
  const digits = toAsciiDigits(g).trim();
  if (/^\d{4}$/.test(digits)) return { district: digits.slice(0, 2), upazila: digits.slice(2) };
  const parts = parseMemoParts(g)?.value.geocode;
  return parts ? { district: parts.district, upazila: parts.upazila } : null;
}

/**
 * The office of a letter or page from its letterhead, signature block and memo-number geocode
 * (each optional). Letterhead and signature are the raw lines as OCR read them.
 */
export function findOffice(input: {
  letterhead?: string | readonly string[] | null;
  signature?: string | readonly string[] | null;
  /** {district, upazila}, the four geocode digits ("৭৭০৪") or a whole memo number */
  memoGeocode?: { district: string; upazila: string } | string | null;
  annexOfficeLine?: string | null;
  page?: number | null;
}): OfficeFinding {
  const page = input.page ?? null;
  const readings: OfficeReading[] = [];
  const push = (r: OfficeReading | null): void => {
    if (r) readings.push(r);
  };
  if (input.letterhead) push(readOffice(input.letterhead, 'letterhead', page));
  if (input.signature) push(readOffice(input.signature, 'signature', page));
  if (input.annexOfficeLine) push(readOffice(input.annexOfficeLine, 'annex_office_line', page));
  const geo = readGeocode(geocodeOf(input.memoGeocode ?? null), page);
  push(geo.reading);
  return combineOfficeReadings(readings, geo.unknown ? [{ code: geo.unknown, page }] : []);
}
