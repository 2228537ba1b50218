// share of wrong indicator fields (vs truth) that carry a validation flag on that field or confidence < 0.6
import fs from 'node:fs';
// usage: npm run measure -- flag-share PRED_DIR TRUTH_DIR   (issue 6: share of wrong fields a reviewer is pointed to)
const { normValue, canon } = await import(new URL('../../../shared/eval/lib/metrics.mjs', import.meta.url).href);
const [pred, truth] = process.argv.slice(2);
let wrong = 0, caught = 0, right = 0, rightFlagged = 0;
for (const f of fs.readdirSync(truth).filter((f) => f.endsWith('.truth.json'))) {
  const T = JSON.parse(fs.readFileSync(`${truth}/${f}`, 'utf8'));
  const pf = `${pred}/${T.id}.json`; if (!fs.existsSync(pf)) continue;
  const P = JSON.parse(fs.readFileSync(pf, 'utf8'));
  const tr = T.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators ?? []));
  const pr = P.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators));
  const seen = new Map();
  for (const t of tr) {
    const n = (seen.get(t.indicatorCode) ?? 0) + 1; seen.set(t.indicatorCode, n);
    const p = pr.filter((x) => x.indicatorCode === t.indicatorCode)[n - 1]; if (!p) continue;
    for (const k of ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total']) {
      if (!(k in t) || t[k]?.printed === false) continue;
      const want = canon(k === 'unit' ? t[k].value : t[k].value ?? normValue(t[k].raw));
      const got = canon(p[k]?.value);
      const flagged = p.flags.some((fl) => fl.field === k || fl.field == null) || (p[k]?.confidence ?? 1) < 0.6;
      if (want === got) { right++; if (flagged) rightFlagged++; } else { wrong++; if (flagged) caught++; }
    }
  }
}
console.log(`wrong core fields ${wrong}, flagged or low-confidence ${caught} (${(100 * caught / wrong).toFixed(1)}%); right fields ${right}, of which flagged ${rightFlagged} (${(100 * rightFlagged / right).toFixed(1)}%)`);
