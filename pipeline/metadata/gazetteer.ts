/**
 * Place lookup over the office gazetteer (models/gazetteer.json): names in Bangla or English, OCR-noisy or
 * in an older spelling, and BBS geocodes from memo numbers.
 */
import { distance } from 'fastest-levenshtein';
import { loadGazetteer, type GazetteerEntry, type PlaceLevel } from '../../models/gazetteer.js';
import { comparisonKey, toAsciiDigits } from './norm.js';

/** One administrative unit with its ancestors resolved. */
export interface Place {
  level: PlaceLevel;
  /** BBS geocode at its level ("55", "77", "04") */
  code: string;
  bn: string;
  en: string;
  division: GazetteerEntry;
  district: GazetteerEntry | null;
  upazila: GazetteerEntry | null;
}

export interface PlaceMatch {
  place: Place;
  /** 0–1: 1 for an exact name or variant, lower for fuzzy matches */
  score: number;
  /** the gazetteer spelling that matched */
  matched: string;
}

export interface ResolveOptions {
  level?: PlaceLevel;
  /** fuzzy matches below this are dropped; default 0.8 */
  minScore?: number;
  /** at most this many matches, best first; default 5 */
  limit?: number;
}

interface IndexedName {
  key: string;
  name: string;
  place: Place;
}

interface Index {
  names: IndexedName[];
  byKey: Map<string, IndexedName[]>;
  divisions: Map<string, GazetteerEntry>;
  districts: Map<string, GazetteerEntry>;
  upazilas: Map<string, GazetteerEntry>;
}

let index: Index | null = null;

const BANGLA = /[\u0980-\u09FF]/;

/**
 * The key names are compared under: the normalisation library's comparison key (spaces, punctuation,
 * nukta and ী/ি differences do not count: "কক্স বাজার" = "কক্সবাজার"), without digits.
 */
export function nameKey(s: string): string {
  return comparisonKey(s).replace(/[0-9]/g, '');
}

function buildIndex(): Index {
  const g = loadGazetteer();
  const divisions = new Map(g.divisions.map((d) => [d.code, d]));
  const districts = new Map(g.districts.map((d) => [d.code, d]));
  const upazilas = new Map(g.upazilas.map((u) => [`${u.parent}/${u.code}`, u]));
  const names: IndexedName[] = [];
  const add = (entry: GazetteerEntry, place: Place): void => {
    for (const name of new Set([entry.bn, entry.en, ...entry.variants])) {
      const key = nameKey(name);
      if (key) names.push({ key, name, place });
    }
  };
  for (const d of g.divisions) add(d, { level: 'division', code: d.code, bn: d.bn, en: d.en, division: d, district: null, upazila: null });
  for (const d of g.districts) {
    const division = divisions.get(d.parent ?? '');
    if (!division) throw new Error(`gazetteer: district ${d.code} has no division ${d.parent}`);
    add(d, { level: 'district', code: d.code, bn: d.bn, en: d.en, division, district: d, upazila: null });
  }
  for (const u of g.upazilas) {
    const district = districts.get(u.parent ?? '');
    const division = district ? divisions.get(district.parent ?? '') : undefined;
    if (!district || !division) throw new Error(`gazetteer: upazila ${u.parent}/${u.code} has no district`);
    add(u, { level: 'upazila', code: u.code, bn: u.bn, en: u.en, division, district, upazila: u });
  }
  const byKey = new Map<string, IndexedName[]>();
  for (const n of names) {
    const list = byKey.get(n.key) ?? [];
    list.push(n);
    byKey.set(n.key, list);
  }
  return { names, byKey, divisions, districts, upazilas };
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

const placeId = (p: Place): string => `${p.level}:${p.district?.code ?? p.division.code}/${p.upazila?.code ?? ''}`;

/**
 * Every unit whose name (or a spelling variant) matches `text`, best first. `text` is one place name:
 * "চট্রগ্রাম" → চট্টগ্রাম (division and district), "Barisal" → বরিশাল, "কক্স বাজার" → কক্সবাজার.
 * Names shared by several units (ফুলবাড়ী in Dinajpur and Kurigram) return all of them with the same score.
 */
export function resolvePlace(text: string, opts: ResolveOptions = {}): PlaceMatch[] {
  const { level, minScore = 0.8, limit = 5 } = opts;
  const key = nameKey(text);
  if (key.length < 2) return [];
  const idx = getIndex();
  const best = new Map<string, PlaceMatch>();
  const consider = (n: IndexedName, score: number): void => {
    if (level && n.place.level !== level) return;
    const id = placeId(n.place);
    const prev = best.get(id);
    if (!prev || score > prev.score) best.set(id, { place: n.place, score, matched: n.name });
  };
  for (const n of idx.byKey.get(key) ?? []) consider(n, 1);
  if (best.size === 0) {
    const latin = !BANGLA.test(text);
    for (const n of idx.names) {
      // Only compare like with like, and skip names whose length alone rules out the threshold.
      if (latin !== !BANGLA.test(n.name)) continue;
      const lenRatio = Math.min(n.key.length, key.length) / Math.max(n.key.length, key.length);
      if (lenRatio < minScore - 0.1) continue;
      const s = keySimilarity(key, n.key);
      if (s >= minScore) consider(n, s);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || levelRank(a.place.level) - levelRank(b.place.level)).slice(0, limit);
}

/** Similarity of two name keys; short names need a closer match than long ones (one letter of "ভোলা" is a lot). */
function keySimilarity(a: string, b: string): number {
  // Keys are precomputed, so compare them directly rather than re-keying through similarity().
  const s = 1 - distance(a, b) / Math.max(a.length, b.length, 1);
  const shorter = Math.min([...a].length, [...b].length);
  return shorter <= 4 ? s * 0.9 : s;
}

function levelRank(l: PlaceLevel): number {
  return l === 'upazila' ? 0 : l === 'district' ? 1 : 2;
}

/**
 * The unit a BBS geocode names: district "77" + upazila "04" → আটোয়ারী, পঞ্চগড়; upazila "00" or absent →
 * the district. Accepts Bangla or ASCII digits. Null when the code is not in the gazetteer.
 */
export function lookupGeocode(districtCode: string | number, upazilaCode?: string | number | null): Place | null {
  const idx = getIndex();
  const d = toAsciiDigits(String(districtCode)).trim().padStart(2, '0');
  const district = idx.districts.get(d);
  if (!district) return null;
  const division = idx.divisions.get(district.parent ?? '');
  if (!division) return null;
  const u = upazilaCode == null ? '00' : toAsciiDigits(String(upazilaCode)).trim().padStart(2, '0');
  if (u === '00') return { level: 'district', code: d, bn: district.bn, en: district.en, division, district, upazila: null };
  const upazila = idx.upazilas.get(`${d}/${u}`);
  if (!upazila) return null;
  return { level: 'upazila', code: u, bn: upazila.bn, en: upazila.en, division, district, upazila };
}

/** A division by its BBS code ("55") or null. */
export function divisionByCode(code: string): GazetteerEntry | null {
  return getIndex().divisions.get(toAsciiDigits(code).padStart(2, '0')) ?? null;
}

/** A place found inside a longer text, with the words it covered. */
export interface PlaceInText {
  text: string;
  /** word offsets [start, end) in the segment's word list */
  start: number;
  end: number;
  matches: PlaceMatch[];
}

/** Words that never belong to a place name in an office line. */
const NON_PLACE_WORDS = new Set(
  [
    'উপজেলা',
    'জেলা',
    'বিভাগ',
    'বিভাগীয়',
    'সমবায়',
    'কার্যালয়',
    'অফিস',
    'অফিসার',
    'কর্মকর্তা',
    'দপ্তর',
    'এর',
    'ও',
    'গণপ্রজাতন্ত্রী',
    'বাংলাদেশ',
    'সরকার',
  ].map((w) => nameKey(w)),
);

/**
 * Place names inside a line such as "উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর" or "আটোয়ারী পঞ্চগড়":
 * tries runs of one to three words (so "পঞ্চগড় সদর" beats "পঞ্চগড়") and keeps the best non-overlapping ones.
 */
export function findPlacesInText(text: string, opts: ResolveOptions = {}): PlaceInText[] {
  // Names never run across a line break or a comma; each segment is searched on its own.
  const segments = toAsciiDigits(text).split(/[\n,،।|;:()[\]{}"“”]+/u);
  const out: PlaceInText[] = [];
  let offset = 0;
  for (const segment of segments) {
    const words = segment
      .split(/\s+/u)
      // "৭ম" (7th floor) is no name; "রংপুর-৫৪০০" is রংপুর with its postcode.
      .filter((w) => w && !/^[.\-/]*\d/.test(w))
      .map((w) => w.replace(/[-–—]?\d.*$/u, '').replace(/^[.\-/'’‘]+|[.\-/'’‘]+$/g, ''))
      .filter((w) => w.length > 0);
    for (const f of placesInWords(words, opts)) out.push({ ...f, start: f.start + offset, end: f.end + offset });
    offset += words.length;
  }
  return out;
}

function placesInWords(words: string[], opts: ResolveOptions): PlaceInText[] {
  const found: PlaceInText[] = [];
  for (let len = 3; len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const slice = words.slice(i, i + len);
      if (slice.some((w) => NON_PLACE_WORDS.has(nameKey(w)))) continue;
      const phrase = slice.join(' ');
      const matches = resolvePlace(phrase, { ...opts, minScore: opts.minScore ?? (len === 1 ? 0.8 : 0.88) });
      if (matches.length) found.push({ text: phrase, start: i, end: i + len, matches });
    }
  }
  // Longest and best first; drop anything overlapping a better pick.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || (b.matches[0]?.score ?? 0) - (a.matches[0]?.score ?? 0));
  const taken: PlaceInText[] = [];
  for (const f of found) if (!taken.some((t) => f.start < t.end && t.start < f.end)) taken.push(f);
  return taken.sort((a, b) => a.start - b.start);
}
