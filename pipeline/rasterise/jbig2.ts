/**
 * A look at the segment headers of a JBIG2 stream before pdfjs decodes it. pdfjs's WebAssembly decoder rejects
 * a region larger than its page, but then falls back to its JavaScript decoder, which decodes it: one flipped bit
 * in a region's width (2,100 → 2,099,252 px) cost 69 s of CPU for one page (found by `npm run fuzz`). A stream
 * whose page or regions claim far more pixels than the PDF image holds is damaged; its page is refused instead.
 */

/** Region segment types (T.88 §7.3): text, halftone, generic and refinement regions, intermediate and immediate. */
const REGION_TYPES = new Set([4, 6, 7, 20, 22, 23, 36, 38, 39, 40, 42, 43]);
const PAGE_INFORMATION = 48;
const UNKNOWN = 0xffffffff;

/** How much larger than the image a page or region may claim to be before the stream counts as damaged. */
const SLACK = 4;

/**
 * The first size claim in the stream of a `width` × `height` image beyond {@link SLACK} times its pixels (a
 * region's or the page's width × height), as a sentence, or null when every claim fits or the headers cannot be
 * read far enough to tell (pdfjs then decides).
 */
export function oversizeJbig2Claim(data: Uint8Array, width: number, height: number): string | null {
  const maxPixels = Math.max(1, SLACK * width * height);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  for (let segments = 0; segments < 10_000 && p + 11 <= data.length; segments++) {
    const number = view.getUint32(p);
    const flags = view.getUint8(p + 4);
    const type = flags & 0x3f;
    let q = p + 5;
    let refCount = view.getUint8(q) >> 5;
    if (refCount === 7) {
      if (q + 4 > data.length) return null;
      refCount = view.getUint32(q) & 0x1fffffff;
      q += 4 + Math.ceil((refCount + 1) / 8);
    } else {
      q += 1;
    }
    const refSize = number <= 256 ? 1 : number <= 65536 ? 2 : 4;
    q += refCount * refSize + (flags & 0x40 ? 4 : 1);
    if (q + 4 > data.length) return null;
    const length = view.getUint32(q);
    q += 4;
    if ((REGION_TYPES.has(type) || type === PAGE_INFORMATION) && q + 8 <= data.length) {
      const w = view.getUint32(q);
      const h = view.getUint32(q + 4);
      // a striped page may leave its height open
      const pixels = w * (type === PAGE_INFORMATION && h === UNKNOWN ? 1 : h);
      if (pixels > maxPixels) {
        return `its JBIG2 data claims a ${type === PAGE_INFORMATION ? 'page' : 'region'} of ${w}×${h} px in a ${width}×${height} px image: the scan is damaged`;
      }
    }
    if (length === UNKNOWN) return null;
    p = q + length;
  }
  return null;
}
