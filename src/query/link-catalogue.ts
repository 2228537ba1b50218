/**
 * Propose the cross-year indicator links for review:
 *   npx tsx src/query/link-catalogue.ts            print the proposal beside the committed file's memberships
 *   npx tsx src/query/link-catalogue.ts --write    write the proposal to models/catalogue-links.json
 * Reviewed ids and labels are kept for entries that still share a member; new entries get `entry-N` ids
 * and their Bangla wording as label until a reviewer names them.
 */
import fs from 'node:fs';
import { CATALOGUE } from '../../models/catalogue.js';
import { loadCatalogueLinks } from '../../models/catalogue-links.js';
import { membershipSignature, proposeLinks } from './linkCatalogue.js';

const committed = loadCatalogueLinks();
const proposal = proposeLinks(CATALOGUE, { keep: committed });
for (const e of proposal.entries) {
  process.stdout.write(`${e.id.padEnd(26)} ${e.unit.padEnd(8)} ${e.members.map((m) => `${m.fiscalYear} ${m.code}${m.score == null ? '' : ` (${m.score})`}`).join(', ')}\n`);
}
const before = new Set(membershipSignature(committed));
const after = new Set(membershipSignature(proposal));
const gone = [...before].filter((s) => !after.has(s));
const added = [...after].filter((s) => !before.has(s));
process.stdout.write(gone.length + added.length === 0 ? '\nsame memberships as models/catalogue-links.json\n' : `\nchanged since the reviewed file:\n${gone.map((s) => `  - ${s}`).join('\n')}\n${added.map((s) => `  + ${s}`).join('\n')}\n`);
if (process.argv.includes('--write')) {
  fs.writeFileSync(new URL('../../models/catalogue-links.json', import.meta.url), JSON.stringify({ ...proposal, review: 'not reviewed: check every link, name new entries, then set this note' }, null, 1) + '\n');
  process.stdout.write('written models/catalogue-links.json (review before committing)\n');
}
