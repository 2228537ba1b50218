/**
 * The museum of hostile inputs: files a real batch of submissions will contain sooner or later.
 * Each maker returns the file's bytes so tests can build the big ones on the fly; run this script
 * (`npx tsx samples/bad/make.ts`) to (re)write the small ones next to it.
 *
 * The PDFs are written by hand where pdf-lib cannot express the defect (encryption, a broken page tree),
 * with a correct xref table so that the only thing wrong with each file is the one thing it exhibits.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

/** A pdf-lib document with fixed metadata, so rerunning this script rewrites identical bytes. */
async function newDoc(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const epoch = new Date('2024-01-01T00:00:00Z');
  doc.setCreationDate(epoch);
  doc.setModificationDate(epoch);
  doc.setProducer('apa-ocr samples/bad');
  doc.setCreator('apa-ocr samples/bad');
  return doc;
}

/** Serialise numbered objects (1-based, object 1 is the catalogue) into a PDF with a valid xref table. */
export function writeRawPdf(objects: (string | Uint8Array)[], trailerExtra = ''): Uint8Array {
  const parts: Uint8Array[] = [latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = [latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')];
    for (const c of chunk) {
      parts.push(c);
      length += c.length;
    }
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(latin1(xref));
  return Buffer.concat(parts);
}

function streamObject(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);
}

/** A plain-text file someone saved with a .pdf name. */
export function makeTextAsPdf(): Uint8Array {
  return latin1('Please find attached the quarterly APA progress report.\r\nRegards\r\n');
}

/** A PNG scan renamed to .pdf (common when a phone app "exports" a photo). */
export async function makePngAsPdf(): Promise<Uint8Array> {
  return sharp(new Uint8Array(64 * 64).fill(255), { raw: { width: 64, height: 64, channels: 1 } })
    .png()
    .toBuffer();
}

/** A scan-like page image: near-white paper with a few dark bars where text lines would be. */
async function scanJpeg(width: number, height: number, lines: number): Promise<Uint8Array> {
  const px = new Uint8Array(width * height).fill(246);
  let seed = 7;
  for (let i = 0; i < px.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    px[i] = 240 + ((seed >>> 16) % 12);
  }
  for (let l = 0; l < lines; l++) {
    const y0 = Math.round(height * 0.1 + l * height * 0.05);
    for (let y = y0; y < y0 + Math.max(2, Math.round(height * 0.012)); y++) {
      for (let x = Math.round(width * 0.1); x < width * 0.85; x++) px[y * width + x] = 30;
    }
  }
  return sharp(px, { raw: { width, height, channels: 1 } }).jpeg({ quality: 60 }).toBuffer();
}

/** A three-page image-only PDF, the kind a scanner writes; cut short to make the truncated sample. */
export async function makeScannedPdf(pages = 3): Promise<Uint8Array> {
  const doc = await newDoc();
  for (let i = 0; i < pages; i++) {
    const jpg = await doc.embedJpg(await scanJpeg(248, 351, 4 + i));
    const page = doc.addPage([595.2, 842.4]);
    page.drawImage(jpg, { x: 0, y: 0, width: 595.2, height: 842.4 });
  }
  return doc.save({ useObjectStreams: false });
}

/** The upload stopped part-way: the tail with the xref table and %%EOF is missing. */
export async function makeTruncated(): Promise<Uint8Array> {
  const whole = await makeScannedPdf();
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

// RC4 and the standard security handler revision 2 (PDF 1.7 §7.6.3.3–7.6.3.4), so the sample is a genuinely
// encrypted PDF that opens with its password, not just a file with a bogus /Encrypt entry.
const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const padPassword = (pw: string): Buffer => Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The user password the encrypted sample opens with (tests prove the file is real by opening it). */
export const ENCRYPTED_SAMPLE_PASSWORD = 'apa-2024';

/** A password-protected PDF (40-bit RC4, user password {@link ENCRYPTED_SAMPLE_PASSWORD}), one empty page. */
export function makeEncrypted(): Uint8Array {
  const id = md5(Buffer.from('apa-ocr encrypted sample'));
  const permissions = -44;
  const owner = rc4(md5(padPassword('owner-secret')).subarray(0, 5), padPassword(ENCRYPTED_SAMPLE_PASSWORD));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padPassword(ENCRYPTED_SAMPLE_PASSWORD), owner, p, id).subarray(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  return writeRawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hex(id)}> <${hex(id)}>] `,
  );
}

/** A syntactically valid PDF whose page tree is empty. */
export function makeZeroPages(): Uint8Array {
  return writeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
}

/** Page 2 of 3 points at an object that is not a page: pages 1 and 3 are fine. */
export async function makeBrokenPage(): Promise<Uint8Array> {
  const jpeg = await scanJpeg(124, 175, 3);
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>';
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 6 0 R 7 0 R] /Count 3 >>',
    page,
    streamObject(
      '/Type /XObject /Subtype /Image /Width 124 /Height 175 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode',
      jpeg,
    ),
    streamObject('', latin1('q 595 0 0 842 0 0 cm /Im0 Do Q')),
    '42',
    page,
  ]);
}

/** A scanned blank page (the back of a sheet): paper noise only, no ink. */
export async function makeBlankPage(): Promise<Uint8Array> {
  const doc = await newDoc();
  const jpg = await doc.embedJpg(await scanJpeg(850, 1100, 0));
  const page = doc.addPage([612, 792]);
  page.drawImage(jpg, { x: 0, y: 0, width: 612, height: 792 });
  return doc.save();
}

/** Side of the huge sample's page image in pixels. */
export const HUGE_SIDE = 10_000;

/**
 * One page whose image is 10,000 × 10,000 px (8-bit grey, Flate): 100 MB of pixels in a ~100 KB file.
 * A black frame and bars give it ink, so the test can tell a correct downscale from a blank result.
 */
export function makeHugeImage(): Uint8Array {
  const side = HUGE_SIDE;
  const px = new Uint8Array(side * side).fill(255);
  const fillRect = (x0: number, y0: number, w: number, h: number): void => {
    for (let y = y0; y < y0 + h; y++) px.fill(0, y * side + x0, y * side + x0 + w);
  };
  fillRect(500, 500, 9000, 60);
  fillRect(500, 9440, 9000, 60);
  fillRect(500, 500, 60, 9000);
  fillRect(9440, 500, 60, 9000);
  for (let i = 0; i < 20; i++) fillRect(1500, 1500 + i * 350, 5000 + (i % 5) * 500, 120);
  const flate = deflateSync(px, { level: 9 });
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
    streamObject(
      `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
      flate,
    ),
    streamObject('', latin1('q 842 0 0 842 0 0 cm /Im0 Do Q')),
  ]);
}

/** A long submission: `pages` pages sharing one small scan image, so even 500 pages stay a few tens of KB. */
export async function makeManyPages(pages: number): Promise<Uint8Array> {
  const doc = await newDoc();
  const jpg = await doc.embedJpg(await scanJpeg(62, 88, 3));
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.2, 842.4]);
    page.drawImage(jpg, { x: 0, y: 0, width: 595.2, height: 842.4 });
  }
  return doc.save();
}

/** The committed samples: file name → maker. The 500-page and huge ones are built by the tests as well. */
export const BAD_SAMPLES: Record<string, () => Uint8Array | Promise<Uint8Array>> = {
  'not-a-pdf.pdf': makeTextAsPdf,
  'png-named.pdf': makePngAsPdf,
  'truncated.pdf': makeTruncated,
  'encrypted.pdf': makeEncrypted,
  'zero-pages.pdf': makeZeroPages,
  'broken-page.pdf': makeBrokenPage,
  'blank-page.pdf': makeBlankPage,
  'huge-image.pdf': makeHugeImage,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = dirname(fileURLToPath(import.meta.url));
  for (const [name, make] of Object.entries(BAD_SAMPLES)) {
    const bytes = await make();
    writeFileSync(join(dir, name), bytes);
    console.log(`${name}\t${bytes.length} B`);
  }
}
