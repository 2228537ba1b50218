/**
 * Runs fuzzed PDFs through the opener and the rasteriser, one at a time, for src/fuzz/pdf.ts: in a process of its
 * own, so that a crash of native code (sharp, zlib, the canvas) kills this process and not the fuzzer.
 * Each input gets back its outcome: 'ok' (pages rasterised), 'input-error' (an InputError saying what it
 * should), or a failure with its detail.
 */
import { InputError } from '../../models/errors.js';
import { openPdf } from '../../pipeline/rasterise/index.js';

const FILE = 'fuzzed.pdf';
/** pages looked at per input, and their size: the fuzzer wants many inputs, not big pictures */
const MAX_PAGES = 3;
const MAX_SIDE = 1000;

type Outcome = { outcome: 'ok' | 'input-error'; pages: number } | { outcome: 'threw' | 'bad-error'; detail: string };

function judge(e: unknown, page: number | null): Outcome {
  if (!(e instanceof InputError)) {
    return { outcome: 'threw', detail: `${page === null ? 'openPdf' : `rasterise(${page})`} threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}` };
  }
  const where = page === null ? `${FILE}: ` : `${FILE} page ${page}: `;
  if (e.message.includes('\n') || !e.message.startsWith(where) || e.file !== FILE || e.page !== page) {
    return { outcome: 'bad-error', detail: `InputError does not name ${where.trim()} in one line: ${JSON.stringify(e.message)} (page ${e.page})` };
  }
  return { outcome: 'input-error', pages: 0 };
}

async function run(bytes: Uint8Array): Promise<Outcome> {
  let pdf;
  try {
    pdf = await openPdf(bytes, FILE, { maxSide: MAX_SIDE });
  } catch (e) {
    return judge(e, null);
  }
  let pages = 0;
  try {
    for (let p = 1; p <= Math.min(MAX_PAGES, pdf.pageCount); p++) {
      try {
        const r = await pdf.rasterise(p);
        const { width, height, data } = r.image;
        if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height) && data.length === width * height)) {
          return { outcome: 'bad-error', detail: `page ${p}: image ${width}×${height} with ${data.length} bytes` };
        }
        if (Math.max(width, height) > MAX_SIDE + 1 || !(r.info.dpi > 0)) {
          return { outcome: 'bad-error', detail: `page ${p}: ${JSON.stringify(r.info)} breaks the cap or has no resolution` };
        }
        pages++;
      } catch (e) {
        const o = judge(e, p);
        if (o.outcome !== 'input-error') return o;
      }
    }
  } finally {
    await pdf.close().catch(() => {});
  }
  return { outcome: pages ? 'ok' : 'input-error', pages };
}

process.on('message', (msg: { id: number; bytes: Uint8Array }) => {
  void run(new Uint8Array(msg.bytes)).then((o) => process.send!({ id: msg.id, ...o }));
});
process.send!({ ready: true });
