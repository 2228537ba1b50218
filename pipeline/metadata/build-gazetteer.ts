/**
 * Builds models/gazetteer.json from two public datasets. Run it only when the sources change:
 *
 *   npx tsx pipeline/metadata/build-gazetteer.ts --oad DIR --nuhil DIR [--out models/gazetteer.json]
 *
 * The inputs as used for the bundled file (commits recorded in its `sources`):
 *   git clone https://github.com/open-admin-data/bangladesh-administrative-divisions oad-repo   (fc7216c2…)
 *   git clone https://github.com/nuhil/bangladesh-geocode nuhil-repo                          (5622f68b…)
 *   mkdir oad nuhil && cp oad-repo/data/all-{division,district,upazila}.json oad/
 *   cp nuhil-repo/{divisions,districts,upazilas}/*.json nuhil/
 *   npx tsx pipeline/metadata/build-gazetteer.ts --oad oad --nuhil nuhil \
 *     --oad-commit $(git -C oad-repo rev-parse HEAD) --nuhil-commit $(git -C nuhil-repo rev-parse HEAD)
 *
 * --oad   holds all-division.json, all-district.json, all-upazila.json from the `data/` folder of
 *         github.com/open-admin-data/bangladesh-administrative-divisions (CC BY 4.0; its codes are the
 *         OCHA COD-AB P-codes, i.e. the BBS geocodes: BD55 Rangpur, BD5577 Panchagarh, BD55770004 Atwari).
 * --nuhil holds divisions.json, districts.json, upazilas.json (the `<level>/<level>.json` files) of
 *         github.com/nuhil/bangladesh-geocode (MIT).
 *
 * Why two sources: the first has the BBS codes and the current 495 upazilas but its Bangla upazila names
 * were merged by fuzzy matching and some are wrong (Hatiya is printed পটিয়া, Mirsarai সরাইল, Bogura Sadar
 * মাগুরা সদর); the second has hand-entered Bangla names but no BBS codes. Codes and English names come from
 * the first, Bangla names from the second when its English name matches within the same district; a Bangla
 * name of the first source is kept as a variant only when it is close to the second's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { GazetteerSchema, type Gazetteer, type GazetteerEntry } from '../../models/gazetteer.js';

interface OadRecord {
  id: string;
  name: { local: string; en: string };
  parent: { id: string } | null;
}
interface NuhilRecord {
  id: string;
  name: string;
  bn_name: string;
  division_id?: string;
  district_id?: string;
}

const MIT_NOTICE =
  'The MIT License (MIT) Copyright (c) 2014 Nuhil Mehdy. Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.';
const OAD_URL = 'https://github.com/open-admin-data/bangladesh-administrative-divisions';
const NUHIL_URL = 'https://github.com/nuhil/bangladesh-geocode';

/** Upazilas renamed since the MIT dataset was made: its English name → [BBS (OCHA) English name, current Bangla name]. */
const RENAMED: Record<string, [string, string]> = {
  'comilla sadar': ['adarsha sadar', 'কুমিল্লা আদর্শ সদর'],
  zianagar: ['indurkani', 'ইন্দুরকানী'],
  'south sunamganj': ['shantiganj', 'শান্তিগঞ্জ'],
};

/** Spellings seen on letters and in older lists that neither dataset carries. */
const EXTRA_VARIANTS: Record<string, string[]> = {
  চট্টগ্রাম: ['চট্রগ্রাম', 'Chittagong', 'Chattagram', 'Chattogram'],
  বরিশাল: ['Barisal', 'Barishal'],
  কক্সবাজার: ['কক্স বাজার', "Cox's Bazar", 'Coxs Bazar', 'Coxsbazar'],
  কুমিল্লা: ['Comilla', 'Cumilla'],
  যশোর: ['Jessore', 'Jashore'],
  বগুড়া: ['Bogra', 'Bogura'],
  চাঁপাইনবাবগঞ্জ: ['চাঁপাই নবাবগঞ্জ', 'Chapai Nawabganj', 'Chapainawabganj', 'Nawabganj'],
  ঝালকাঠি: ['ঝালকাঠী', 'Jhalakathi', 'Jhalokati', 'Jhalokathi'],
  ব্রাহ্মণবাড়িয়া: ['ব্রাহ্মণবাড়ীয়া', 'Brahmanbaria'],
  নেত্রকোণা: ['নেত্রকোনা', 'Netrokona', 'Netrakona'],
  মৌলভীবাজার: ['মৌলভী বাজার', 'Moulvibazar', 'Maulvibazar'],
  লক্ষ্মীপুর: ['লক্ষীপুর', 'Lakshmipur', 'Laxmipur'],
  খাগড়াছড়ি: ['খাগড়াছড়ী', 'Khagrachari', 'Khagrachhari'],
  ঢাকা: ['Dacca'],
  ভুয়াপুর: ['ভূঞাপুর'],
  'কুমিল্লা আদর্শ সদর': ['আদর্শ সদর', 'কুমিল্লা সদর'],
};

const NUKTA_PRECOMPOSED: Array<[string, string, string]> = [
  // [decomposed (NFC form), precomposed code point, OCR form without the nukta]
  ['\u09A1\u09BC', '\u09DC', '\u09A1'], // ড় / ড
  ['\u09A2\u09BC', '\u09DD', '\u09A2'], // ঢ় / ঢ
  ['\u09AF\u09BC', '\u09DF', '\u09AF'], // য় / য
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** phpMyAdmin JSON export: the rows sit in the element whose type is "table". */
function nuhilRows(file: string): NuhilRecord[] {
  const doc = readJson(file) as Array<{ type?: string; data?: NuhilRecord[] }>;
  const table = doc.find((t) => t.type === 'table');
  if (!table?.data) throw new Error(`${file}: no table data`);
  return table.data.map((r) => ({ ...r, name: r.name.trim(), bn_name: r.bn_name.trim().normalize('NFC') }));
}

/** Parenthesised alternatives ("Nesarabad (Swarupkathi)") are not part of the name for matching. */
const englishKey = (s: string): string => s.replace(/\(.*?\)/g, '').toLowerCase().replace(/[^a-z]/g, '');
const banglaKey = (s: string): string => s.replace(/\(.*?\)/g, '').normalize('NFC').replace(/[\s\u200c\u200d]/g, '');
const ratio = (a: string, b: string): number => 1 - distance(a, b) / Math.max(a.length, b.length, 1);

/** Bangla spellings OCR and typists produce for the same name: nukta forms and ট্ট/ট্র. */
function generatedVariants(bn: string): string[] {
  const out = new Set<string>();
  for (const [decomposed, precomposed, bare] of NUKTA_PRECOMPOSED) {
    if (bn.includes(decomposed)) {
      out.add(bn.split(decomposed).join(precomposed));
      out.add(bn.split(decomposed).join(bare));
    }
  }
  if (bn.includes('ট্ট')) out.add(bn.replace(/ট্ট/g, 'ট্র'));
  out.delete(bn);
  return [...out];
}

function entry(code: string, parent: string | null, bn: string, en: string, variants: Iterable<string>): GazetteerEntry {
  const all = new Set<string>();
  for (const v of [...variants, ...generatedVariants(bn), ...(EXTRA_VARIANTS[bn] ?? [])]) {
    const t = v.normalize('NFC').trim();
    if (t && t !== bn && t !== en) all.add(t);
  }
  return { code, parent, bn, en, variants: [...all].sort() };
}

interface Pairing<A, B> {
  a: A;
  b: B;
  score: number;
}

/** One-to-one greedy assignment by descending score; pairs below `min` stay unmatched. */
function assign<A, B>(as: A[], bs: B[], score: (a: A, b: B) => number, min: number): Pairing<A, B>[] {
  const all: Pairing<A, B>[] = [];
  for (const a of as) for (const b of bs) all.push({ a, b, score: score(a, b) });
  all.sort((x, y) => y.score - x.score);
  const usedA = new Set<A>();
  const usedB = new Set<B>();
  const out: Pairing<A, B>[] = [];
  for (const p of all) {
    if (p.score < min || usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    out.push(p);
  }
  return out;
}

function main(): void {
  const oadDir = arg('oad');
  const nuhilDir = arg('nuhil');
  const out = arg('out') ?? path.join(path.dirname(new URL(import.meta.url).pathname), '../../models/gazetteer.json');
  if (!oadDir || !nuhilDir) {
    console.error('usage: build-gazetteer.ts --oad DIR --nuhil DIR [--out FILE]');
    process.exit(2);
  }
  const oDiv = readJson(path.join(oadDir, 'all-division.json')) as OadRecord[];
  const oDis = readJson(path.join(oadDir, 'all-district.json')) as OadRecord[];
  const oUpa = readJson(path.join(oadDir, 'all-upazila.json')) as OadRecord[];
  const nDiv = nuhilRows(path.join(nuhilDir, 'divisions.json'));
  const nDis = nuhilRows(path.join(nuhilDir, 'districts.json'));
  const nUpa = nuhilRows(path.join(nuhilDir, 'upazilas.json'));
  const log: string[] = [];

  const nameScore = (o: OadRecord, n: NuhilRecord): number =>
    Math.max(ratio(banglaKey(o.name.local), banglaKey(n.bn_name)), ratio(englishKey(o.name.en), englishKey(n.name)));

  const divPairs = assign(oDiv, nDiv, nameScore, 0.7);
  const disPairs = assign(oDis, nDis, nameScore, 0.7);
  const nuhilDivOf = new Map(divPairs.map((p) => [p.a.id, p.b]));
  const nuhilDisOf = new Map(disPairs.map((p) => [p.a.id, p.b]));

  const divisions = oDiv.map((o) => {
    const n = nuhilDivOf.get(o.id);
    const bn = (n?.bn_name ?? o.name.local).normalize('NFC');
    return entry(o.id.slice(2), null, bn, o.name.en, [o.name.local, ...(n ? [n.name, n.bn_name] : [])]);
  });
  const districts = oDis.map((o) => {
    const n = nuhilDisOf.get(o.id);
    if (!n) log.push(`district without MIT match: ${o.id} ${o.name.en}`);
    const bn = (n?.bn_name ?? o.name.local).normalize('NFC');
    if (n && banglaKey(n.bn_name) !== banglaKey(o.name.local)) log.push(`district Bangla differs: ${o.name.en} ${n.bn_name} / ${o.name.local}`);
    return entry(o.id.slice(4), o.parent!.id.slice(2), bn, o.name.en, [o.name.local, ...(n ? [n.name, n.bn_name] : [])]);
  });

  const mitBanglaNames = new Set([...nUpa, ...nDis, ...nDiv].map((r) => banglaKey(r.bn_name)));
  const upazilas: GazetteerEntry[] = [];
  for (const d of oDis) {
    const n = nuhilDisOf.get(d.id);
    const oKids = oUpa.filter((u) => u.parent?.id === d.id);
    const nKids = n ? nUpa.filter((u) => u.district_id === n.id) : [];
    // English decides (the first source's Bangla is unreliable); Bangla only breaks near-ties.
    const pairs = assign(
      oKids,
      nKids,
      (o, k) => {
        const en = englishKey(RENAMED[k.name.toLowerCase()]?.[0] ?? k.name);
        return ratio(englishKey(o.name.en), en) + 0.1 * ratio(banglaKey(o.name.local), banglaKey(k.bn_name));
      },
      0.6,
    );
    const matchOf = new Map(pairs.map((p) => [p.a.id, p.b]));
    for (const k of nKids) if (!pairs.some((p) => p.b === k)) log.push(`MIT upazila without BBS match: ${d.name.en}/${k.name}`);
    for (const o of oKids) {
      const k = matchOf.get(o.id);
      const variants = [o.name.en];
      let bn = o.name.local.normalize('NFC');
      const renamed = k ? RENAMED[k.name.toLowerCase()] : undefined;
      if (k && renamed) {
        // A renamed upazila leads with its current name and keeps the old one as a variant.
        bn = renamed[1];
        variants.push(k.name, k.bn_name, o.name.local);
      } else if (k) {
        variants.push(k.name);
        // Close but not equal to another unit's own name ("কিশোরগঞ্জ সদর" for Nilphamari's Kishoreganj) is still wrong.
        const isOtherName = mitBanglaNames.has(banglaKey(o.name.local)) && banglaKey(o.name.local) !== banglaKey(k.bn_name);
        if (ratio(banglaKey(k.bn_name), banglaKey(o.name.local)) >= 0.75 && !isOtherName) variants.push(o.name.local);
        else log.push(`dropped CC-BY Bangla name ${o.name.local} for ${d.name.en}/${o.name.en} (MIT: ${k.bn_name})`);
        bn = k.bn_name;
      } else {
        log.push(`upazila only in the CC-BY source: ${d.name.en}/${o.name.en} ${o.name.local}`);
      }
      upazilas.push(entry(o.id.slice(6, 10).slice(2), d.id.slice(4), bn, o.name.en, variants));
      if (o.id.slice(6, 8) !== '00') throw new Error(`unexpected upazila code ${o.id}`);
    }
  }

  const gazetteer: Gazetteer = {
    about:
      'Bangladesh divisions, districts and upazilas with BBS geocodes (division 2 digits, district 2 digits, upazila 2 digits within its district), Bangla and English names and spelling variants. Built by pipeline/metadata/build-gazetteer.ts.',
    sources: [
      {
        name: 'Bangladesh Administrative Divisions Dataset (open-admin-data), from OCHA COD-AB Bangladesh (BBS P-codes)',
        url: OAD_URL,
        commit: arg('oad-commit') ?? null,
        licence: 'CC-BY-4.0',
        used: 'BBS geocodes, hierarchy, English names, the list of 495 upazilas; Bangla names where the MIT source lacks them',
        notice:
          'Bangladesh Administrative Divisions Dataset (CC-BY-4.0), copyright (c) 2026 jakkrapongt, https://github.com/open-admin-data/bangladesh-administrative-divisions, licensed under CC BY 4.0 (http://creativecommons.org/licenses/by/4.0/). Its codes come from OCHA COD-AB Bangladesh (CC BY-IGO). Changed: merged with the MIT dataset below, Bangla names corrected, variants added.',
      },
      {
        name: 'bangladesh-geocode by Nuhil Mehdy',
        url: NUHIL_URL,
        commit: arg('nuhil-commit') ?? null,
        licence: 'MIT',
        used: 'Bangla names (canonical form) and older English spellings',
        notice: MIT_NOTICE,
      },
    ],
    changes:
      'Merged the two sources by English name within each district; Bangla names of the CC-BY source that disagree with the MIT source were dropped; spelling variants added (nukta forms, ট্ট/ট্র, older English names).',
    counts: { divisions: divisions.length, districts: districts.length, upazilas: upazilas.length },
    divisions,
    districts,
    upazilas,
  };
  GazetteerSchema.parse(gazetteer);
  fs.writeFileSync(out, JSON.stringify(gazetteer, null, 1) + '\n');
  for (const l of log) console.error(l);
  console.error(`wrote ${out}: ${divisions.length} divisions, ${districts.length} districts, ${upazilas.length} upazilas`);
}

main();
