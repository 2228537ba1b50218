/**
 * English as the offices' own reports print it inside Bangla: the names of the systems they work in (e-Nothi,
 * e-file, Zoom, Google Meet, GRS, SPS, NESS, iBAS++), web addresses and e-mail addresses, office codes and
 * telephone numbers in ASCII digits, an English header row, a table written wholly in English. Counts and dates
 * of the Bangla tables stay in Bangla digits, as the offices type them.
 */

/** Activities of an e-Governance progress table: [activity, platform]. English terms sit inside Bangla. */
export const ACTIVITIES: [string, string][] = [
  ['e-Nothi-তে ডাক গ্রহণ ও নিষ্পত্তি', 'e-Nothi'],
  ['e-file এর মাধ্যমে নথি উপস্থাপন', 'e-file'],
  ['Zoom প্ল্যাটফর্মে মাসিক সমন্বয় সভা', 'Zoom'],
  ['Google Meet-এ অনলাইন প্রশিক্ষণ', 'Google Meet'],
  ['GRS সফটওয়্যারে অভিযোগ নিষ্পত্তি', 'GRS'],
  ['SPS-এ সঞ্চয়পত্রের তথ্য হালনাগাদ', 'SPS'],
  ['NESS পোর্টালে কর্মচারীদের তথ্য হালনাগাদ', 'NESS'],
  ['iBAS++ এ বাজেট বিভাজন ও বিল দাখিল', 'iBAS++'],
  ['তথ্য বাতায়নে (Website) সেবা বক্স হালনাগাদ', 'Website'],
  ['Facebook Page-এ সেবা বিষয়ক পোস্ট', 'Facebook'],
  ['PMIS-এ কর্মকর্তাদের তথ্য হালনাগাদ', 'PMIS'],
  ['Microsoft Teams এ ভার্চুয়াল সভা', 'Microsoft Teams'],
  ['WhatsApp গ্রুপে তাৎক্ষণিক নির্দেশনা প্রেরণ', 'WhatsApp'],
  ['Online Registration System-এ নিবন্ধন আবেদন নিষ্পত্তি', 'Online Registration'],
  ['SDG Tracker-এ তথ্য প্রদান', 'SDG Tracker'],
  ['Innovation Showcasing কর্মশালা আয়োজন', 'Offline'],
];

/** Portals an evidence column links to; `{site}` is the office's own web portal. */
export const LINKS = [
  '{site}',
  'https://nothi.gov.bd',
  'https://www.grs.gov.bd',
  'https://ibas.finance.gov.bd',
  'https://ness.gov.bd',
  'https://sanchaypatra.gov.bd',
  'www.forms.gov.bd',
  'https://bangladesh.gov.bd',
  'www.facebook.com/{slug}coop',
  'https://meet.google.com/{meet}',
  'https://zoom.us/j/{zoom}',
];

/** Sentences of a report's body with English inside. `{x}` placeholders are filled per office. */
export const SENTENCES = [
  'এ কার্যালয়ের সকল দাপ্তরিক পত্র e-Nothi সিস্টেমের মাধ্যমে নিষ্পন্ন করা হচ্ছে।',
  'মাসিক সমন্বয় সভা Zoom ও Google Meet প্ল্যাটফর্মে অনুষ্ঠিত হয়েছে।',
  'অভিযোগ প্রতিকার ব্যবস্থাপনা (GRS) সফটওয়্যারে প্রাপ্ত সকল অভিযোগ নিষ্পত্তি করা হয়েছে।',
  'কর্মচারীদের বেতন-ভাতার বিল iBAS++ এর মাধ্যমে দাখিল করা হয়।',
  'সঞ্চয়পত্রের তথ্য SPS সফটওয়্যারে এবং কর্মচারীদের তথ্য NESS পোর্টালে হালনাগাদ করা হয়েছে।',
  'প্রতিবেদনটি অফিসের ওয়েবসাইট {site} এ প্রকাশ করা হয়েছে।',
  'যেকোনো তথ্যের জন্য {email} ঠিকানায় ই-মেইল করুন অথবা {mobile} নম্বরে যোগাযোগ করুন।',
  'নথি নিষ্পত্তির হার e-file সফটওয়্যারের Dashboard থেকে নেওয়া হয়েছে।',
];

/** The English table: trainings and meetings of the quarter. [title, platform] */
export const TRAININGS: [string, string][] = [
  ['Training on e-Nothi for Staff', 'Zoom'],
  ['Orientation on GRS Software', 'Google Meet'],
  ['Workshop on Innovation Idea', 'Offline'],
  ['Meeting on NESS Data Entry', 'Google Meet'],
  ['iBAS++ Bill Submission Training', 'Zoom'],
  ['Training on Cyber Security', 'Microsoft Teams'],
  ['Orientation on Citizen Charter', 'Offline'],
  ['Review Meeting on APA Progress', 'Zoom'],
  ['Training on e-file Management', 'Offline'],
  ['Workshop on Service Simplification', 'Google Meet'],
];

export const REMARKS_EN = ['Completed', 'Done', 'Online', 'Held', 'Attended', '-'];

export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** English designations of a contact list printed with an English header row. */
export const DESIGNATIONS_EN = ['Upazila Cooperative Officer', 'Assistant Inspector', 'Auditor', 'Office Assistant', 'District Cooperative Officer', 'Inspector'];

/** Latin names as the e-mail addresses of staff carry them. */
export const MAIL_NAMES = ['rashid', 'rafiq', 'zahid.hasan', 'mahmud', 'atiq', 'saiful', 'nasrin', 'farhana', 'sharmin', 'pradip', 'amal.roy', 'dipak', 'sanjoy', 'gautam', 'tapan', 'habib'];
