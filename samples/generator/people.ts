/** Staff of an office: names and designations as they appear in signature blocks, committees and attendance sheets. */
import type { Rng } from './prng.js';
import { headDesignation, type Office } from './offices.js';

const MUSLIM_MALE = ['আব্দুর রশিদ', 'রফিকুল ইসলাম', 'জাহিদুল হক', 'মাহমুদুল হাসান', 'আতিকুর রহমান', 'সাইফুল আলম', 'গোলাম মোস্তফা', 'আমিনুল ইসলাম', 'তৌহিদুর রহমান', 'নাজমুল হুদা', 'হাবিবুর রহমান', 'শামসুল আলম', 'জাকির হোসেন', 'মনিরুজ্জামান', 'আসাদুজ্জামান', 'ফজলুল করিম', 'রেজাউল করিম', 'মাসুদ রানা'];
const MUSLIM_FEMALE = ['নাসরিন সুলতানা', 'ফারহানা ইয়াসমিন', 'শারমিন আক্তার', 'রুমানা পারভীন', 'সাবরিনা হক', 'মাহফুজা খাতুন', 'দিলরুবা বেগম', 'নুসরাত জাহান'];
const HINDU = ['প্রদীপ কুমার সরকার', 'অমল চন্দ্র রায়', 'দীপক কুমার ঘোষ', 'সঞ্জয় কুমার মন্ডল', 'গৌতম চন্দ্র দাস', 'তপন কুমার সাহা', 'রতন চন্দ্র বর্মন', 'শিউলী রানী দেবনাথ', 'মিঠু রানী পাল'];

const MALE_PREFIXES = ['মোঃ ', 'মো: ', 'মোহাম্মদ ', ''];
const FEMALE_PREFIXES = ['মোছাঃ ', 'মোসাঃ ', ''];

export interface Person {
  name: string;
  designation: string;
}

export function personName(rng: Rng): string {
  const kind = rng.int(0, 9);
  if (kind < 5) return rng.pick(MALE_PREFIXES) + rng.pick(MUSLIM_MALE);
  if (kind < 7) return rng.pick(FEMALE_PREFIXES) + rng.pick(MUSLIM_FEMALE);
  return rng.pick(HINDU);
}

const UPAZILA_STAFF = ['সহকারী উপজেলা সমবায় অফিসার', 'সহকারী পরিদর্শক', 'সহকারী পরিদর্শক', 'অডিটর', 'অফিস সহকারী কাম কম্পিউটার অপারেটর'];
const DISTRICT_STAFF = ['উপ-সহকারী নিবন্ধক', 'পরিদর্শক', 'সহকারী পরিদর্শক', 'অডিটর', 'অফিস সহকারী কাম কম্পিউটার অপারেটর'];
const DIVISION_STAFF = ['উপ-নিবন্ধক', 'সহকারী নিবন্ধক', 'পরিদর্শক', 'অফিস সহকারী কাম কম্পিউটার অপারেটর'];

/** The head of office first, then n-1 staff with distinct names. */
export function officeStaff(rng: Rng, office: Office, n: number): Person[] {
  const pool = office.level === 'upazila' ? UPAZILA_STAFF : office.level === 'district' ? DISTRICT_STAFF : DIVISION_STAFF;
  const people: Person[] = [{ name: personName(rng), designation: headDesignation(office) }];
  const used = new Set(people.map((p) => bare(p.name)));
  for (let i = 1; i < n; i++) {
    let name = personName(rng);
    for (let k = 0; k < 20 && used.has(bare(name)); k++) name = personName(rng);
    used.add(bare(name));
    people.push({ name, designation: pool[(i - 1) % pool.length]! });
  }
  return people;
}

const bare = (name: string) => name.replace(/^(মোঃ|মো:|মোহাম্মদ|মোছাঃ|মোসাঃ)\s*/, '');

export function phone(rng: Rng): string {
  return `০২${Array.from({ length: 8 }, () => '০১২৩৪৫৬৭৮৯'[rng.int(0, 9)]).join('')}`;
}
