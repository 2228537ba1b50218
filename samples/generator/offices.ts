/**
 * A few real cooperative offices with their BBS geocodes (division, district, upazila), enough to vary the
 * samples across divisions. The memo number of an office carries its geocode (৪৭.৬১.DDUU.…), so a sample
 * office must use its real codes. Offices named in ../shared/seeds and the eval set are left out on purpose.
 */
export type OfficeLevel = 'upazila' | 'district' | 'division';

export interface Office {
  level: OfficeLevel;
  division: string;
  district: string | null;
  upazila: string | null;
  /** BBS codes: division 2 digits, district 2 digits, upazila 2 digits (within the district) */
  divisionCode: string;
  districtCode: string | null;
  upazilaCode: string | null;
  /** Latin slugs for the office's web portal and e-mail address */
  slug: { division: string; district: string | null; upazila: string | null };
}

interface Row {
  div: [string, string, string]; // Bangla, code, slug
  dist: [string, string, string];
  upa: [string, string, string];
}

const ROWS: Row[] = [
  { div: ['রংপুর', '55', 'rangpur'], dist: ['পঞ্চগড়', '77', 'panchagarh'], upa: ['বোদা', '25', 'boda'] },
  { div: ['রংপুর', '55', 'rangpur'], dist: ['দিনাজপুর', '27', 'dinajpur'], upa: ['বিরামপুর', '10', 'birampur'] },
  { div: ['রাজশাহী', '50', 'rajshahi'], dist: ['জয়পুরহাট', '38', 'joypurhat'], upa: ['ক্ষেতলাল', '61', 'khetlal'] },
  { div: ['রাজশাহী', '50', 'rajshahi'], dist: ['রাজশাহী', '81', 'rajshahi'], upa: ['গোদাগাড়ী', '34', 'godagari'] },
  { div: ['চট্টগ্রাম', '20', 'chattogram'], dist: ['কক্সবাজার', '22', 'coxsbazar'], upa: ['চকরিয়া', '16', 'chakaria'] },
  { div: ['খুলনা', '40', 'khulna'], dist: ['খুলনা', '47', 'khulna'], upa: ['ডুমুরিয়া', '30', 'dumuria'] },
  { div: ['খুলনা', '40', 'khulna'], dist: ['যশোর', '41', 'jashore'], upa: ['চৌগাছা', '11', 'chougachha'] },
  { div: ['সিলেট', '60', 'sylhet'], dist: ['সিলেট', '91', 'sylhet'], upa: ['গোলাপগঞ্জ', '38', 'golapganj'] },
  { div: ['সিলেট', '60', 'sylhet'], dist: ['মৌলভীবাজার', '58', 'moulvibazar'], upa: ['শ্রীমঙ্গল', '83', 'sreemangal'] },
  { div: ['ময়মনসিংহ', '45', 'mymensingh'], dist: ['ময়মনসিংহ', '61', 'mymensingh'], upa: ['ত্রিশাল', '94', 'trishal'] },
  { div: ['বরিশাল', '10', 'barishal'], dist: ['বরিশাল', '06', 'barishal'], upa: ['বাকেরগঞ্জ', '07', 'bakerganj'] },
  { div: ['বরিশাল', '10', 'barishal'], dist: ['পটুয়াখালী', '78', 'patuakhali'], upa: ['কলাপাড়া', '66', 'kalapara'] },
  { div: ['ঢাকা', '30', 'dhaka'], dist: ['টাঙ্গাইল', '93', 'tangail'], upa: ['মধুপুর', '57', 'madhupur'] },
];

const nfc = (s: string) => s.normalize('NFC');

export const UPAZILA_OFFICES: readonly Office[] = ROWS.map((r) => ({
  level: 'upazila',
  division: nfc(r.div[0]),
  district: nfc(r.dist[0]),
  upazila: nfc(r.upa[0]),
  divisionCode: r.div[1],
  districtCode: r.dist[1],
  upazilaCode: r.upa[1],
  slug: { division: r.div[2], district: r.dist[2], upazila: r.upa[2] },
}));

/** District offices of some of the districts above (no upazila). */
export const DISTRICT_OFFICES: readonly Office[] = UPAZILA_OFFICES.filter((_, i) => [1, 3, 7, 9, 10].includes(i)).map((o) => ({
  ...o,
  level: 'district',
  upazila: null,
  upazilaCode: null,
  slug: { ...o.slug, upazila: null },
}));

/** Divisional offices (no district, no upazila). */
export const DIVISION_OFFICES: readonly Office[] = [...new Map(UPAZILA_OFFICES.map((o) => [o.divisionCode, o])).values()].map((o) => ({
  ...o,
  level: 'division',
  district: null,
  upazila: null,
  districtCode: null,
  upazilaCode: null,
  slug: { division: o.slug.division, district: null, upazila: null },
}));

/** "উপজেলা সমবায় কার্যালয়, বোদা, পঞ্চগড়" — the name used in the truth files */
export function officeName(o: Office): string {
  if (o.level === 'upazila') return `উপজেলা সমবায় কার্যালয়, ${o.upazila}, ${o.district}`;
  if (o.level === 'district') return `জেলা সমবায় কার্যালয়, ${o.district}`;
  return `বিভাগীয় সমবায় কার্যালয়, ${o.division}`;
}

/** The office's own heading without place: "উপজেলা সমবায় কার্যালয়" */
export function officeKind(o: Office): string {
  return o.level === 'upazila' ? 'উপজেলা সমবায় কার্যালয়' : o.level === 'district' ? 'জেলা সমবায় কার্যালয়' : 'বিভাগীয় সমবায় কার্যালয়';
}

/** "বোদা, পঞ্চগড়" / "পঞ্চগড়" / "রংপুর" — the place line under the office name */
export function officePlace(o: Office): string {
  if (o.level === 'upazila') return `${o.upazila}, ${o.district}`;
  if (o.level === 'district') return o.district!;
  return o.division;
}

/** Head of office's designation. */
export function headDesignation(o: Office): string {
  return o.level === 'upazila' ? 'উপজেলা সমবায় অফিসার' : o.level === 'district' ? 'জেলা সমবায় অফিসার' : 'যুগ্ম-নিবন্ধক';
}

/** Geocode part of the memo number: DDUU for an upazila office, DD00 for a district, 0000 for a division. */
export function memoGeocode(o: Office): string {
  if (o.level === 'upazila') return `${o.districtCode}${o.upazilaCode}`;
  if (o.level === 'district') return `${o.districtCode}00`;
  return '0000';
}

export function website(o: Office, variant: number): string {
  const s = o.slug;
  if (o.level === 'upazila') {
    return variant % 2 === 0 ? `www.cooperative.${s.upazila}.${s.district}.gov.bd` : `http://cooperative.${s.upazila}.${s.district}.gov.bd/`;
  }
  if (o.level === 'district') return variant % 2 === 0 ? `www.coop.${s.district}.gov.bd` : `http://coop.${s.district}.gov.bd/`;
  return `www.coop.${s.division}div.gov.bd`;
}

export function email(o: Office): string {
  const s = o.slug;
  if (o.level === 'upazila') return `uco${s.upazila}@gmail.com`;
  if (o.level === 'district') return `dco${s.district}@gmail.com`;
  return `jr.${s.division}@coop.gov.bd`;
}
