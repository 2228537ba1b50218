/**
 * The smallest JBIG2 encoder that makes the kind of stream archive tools embed in PDFs: one immediate generic
 * region, arithmetic-coded (MQ coder) with template 0 and the standard adaptive pixels, no TPGDON, no symbol
 * dictionary. It exists because Debian packages no JBIG2 encoder (only jbig2dec, a decoder; `apt-cache search
 * jbig2`); jbig2enc's `-generic` mode writes the same structure. `make.ts` checks every stream it writes by
 * decoding the standalone file with Debian's jbig2dec and comparing bit for bit.
 *
 * References: ITU-T T.88 (2000) §6.2 (generic region decoding, Figure 3 template 0), §7.2–7.4 (segment
 * header, page information, region segment information), Annex E (MQ arithmetic encoder, Table E.1).
 */

/** Table E.1: Qe, next index after an MPS, after an LPS, and whether an LPS swaps the MPS sense. */
const QE: [number, number, number, number][] = [
  [0x5601, 1, 1, 1], [0x3401, 2, 6, 0], [0x1801, 3, 9, 0], [0x0ac1, 4, 12, 0], [0x0521, 5, 29, 0], [0x0221, 38, 33, 0],
  [0x5601, 7, 6, 1], [0x5401, 8, 14, 0], [0x4801, 9, 14, 0], [0x3801, 10, 14, 0], [0x3001, 11, 17, 0], [0x2401, 12, 18, 0],
  [0x1c01, 13, 20, 0], [0x1601, 29, 21, 0], [0x5601, 15, 14, 1], [0x5401, 16, 14, 0], [0x5101, 17, 15, 0], [0x4801, 18, 16, 0],
  [0x3801, 19, 17, 0], [0x3401, 20, 18, 0], [0x3001, 21, 19, 0], [0x2801, 22, 19, 0], [0x2401, 23, 20, 0], [0x2201, 24, 21, 0],
  [0x1c01, 25, 22, 0], [0x1801, 26, 23, 0], [0x1601, 27, 24, 0], [0x1401, 28, 25, 0], [0x1201, 29, 26, 0], [0x1101, 30, 27, 0],
  [0x0ac1, 31, 28, 0], [0x09c1, 32, 29, 0], [0x08a1, 33, 30, 0], [0x0521, 34, 31, 0], [0x0441, 35, 32, 0], [0x02a1, 36, 33, 0],
  [0x0221, 37, 34, 0], [0x0141, 38, 35, 0], [0x0111, 39, 36, 0], [0x0085, 40, 37, 0], [0x0049, 41, 38, 0], [0x0025, 42, 39, 0],
  [0x0015, 43, 40, 0], [0x0009, 44, 41, 0], [0x0005, 45, 42, 0], [0x0001, 45, 43, 0], [0x5601, 46, 46, 0],
];

/** The MQ encoder of Annex E (software conventions: C is a 32-bit register, B the last byte written). */
class MqEncoder {
  private a = 0x8000;
  private c = 0;
  private ct = 12;
  /** out[0] is the placeholder byte before the code stream (BPST − 1); it is dropped at the end */
  private readonly out: number[] = [0];
  private readonly index: Uint8Array;
  private readonly mps: Uint8Array;

  constructor(contexts: number) {
    this.index = new Uint8Array(contexts);
    this.mps = new Uint8Array(contexts);
  }

  encode(cx: number, bit: number): void {
    const [qe, nmps, nlps, sw] = QE[this.index[cx]!]!;
    this.a -= qe;
    if (bit === this.mps[cx]) {
      if ((this.a & 0x8000) === 0) {
        if (this.a < qe) this.a = qe;
        else this.c += qe;
        this.index[cx] = nmps;
        this.renorm();
      } else {
        this.c += qe;
      }
    } else {
      if (this.a < qe) this.c += qe;
      else this.a = qe;
      if (sw) this.mps[cx] = 1 - this.mps[cx]!;
      this.index[cx] = nlps;
      this.renorm();
    }
  }

  private renorm(): void {
    do {
      this.a = (this.a << 1) & 0xffff;
      this.c = this.c * 2; // may exceed 2^31: keep it a float-safe integer, masked in byteOut
      this.ct--;
      if (this.ct === 0) this.byteOut();
    } while ((this.a & 0x8000) === 0);
  }

  private byteOut(): void {
    const last = this.out.length - 1;
    if (this.out[last] === 0xff) {
      this.out.push(Math.floor(this.c / 2 ** 20) & 0xff);
      this.c %= 2 ** 20;
      this.ct = 7;
    } else if (this.c < 0x8000000) {
      this.out.push(Math.floor(this.c / 2 ** 19) & 0xff);
      this.c %= 2 ** 19;
      this.ct = 8;
    } else {
      this.out[last]!++; // the carry
      if (this.out[last] === 0xff) {
        this.c %= 0x8000000;
        this.out.push(Math.floor(this.c / 2 ** 20) & 0xff);
        this.c %= 2 ** 20;
        this.ct = 7;
      } else {
        this.out.push(Math.floor(this.c / 2 ** 19) & 0xff);
        this.c %= 2 ** 19;
        this.ct = 8;
      }
    }
  }

  /** FLUSH (E.2.9) and the 0xFF 0xAC end marker generic regions of unknown extent use. */
  finish(): Uint8Array {
    const tempc = this.c + this.a;
    this.c = (this.c - (this.c % 0x10000)) + 0xffff; // C |= 0xFFFF on a value that may exceed 32 bits
    if (this.c >= tempc) this.c -= 0x8000;
    this.c *= 2 ** this.ct;
    this.byteOut();
    this.c *= 2 ** this.ct;
    this.byteOut();
    const bytes = this.out.slice(1);
    if (bytes[bytes.length - 1] !== 0xff) bytes.push(0xff);
    bytes.push(0xac);
    return Uint8Array.from(bytes);
  }
}

/** Template 0's adaptive pixels at their nominal places (T.88 §6.2.5.3): (x, y) offsets A1…A4. */
const AT: [number, number][] = [
  [3, -1],
  [-3, -1],
  [2, -2],
  [-2, -2],
];

/**
 * Arithmetic-code a bitmap (1 = black, row-major, one byte per pixel) as a generic region with template 0.
 * The context bits follow T.88 Figure 3, numbered outward from the pixel being coded.
 */
export function encodeGenericRegion(bits: Uint8Array, width: number, height: number): Uint8Array {
  const px = (x: number, y: number): number => (x < 0 || y < 0 || x >= width ? 0 : bits[y * width + x]!);
  const mq = new MqEncoder(1 << 16);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cx =
        px(x - 1, y) |
        (px(x - 2, y) << 1) |
        (px(x - 3, y) << 2) |
        (px(x - 4, y) << 3) |
        (px(x + AT[0]![0], y + AT[0]![1]) << 4) |
        (px(x + 2, y - 1) << 5) |
        (px(x + 1, y - 1) << 6) |
        (px(x, y - 1) << 7) |
        (px(x - 1, y - 1) << 8) |
        (px(x - 2, y - 1) << 9) |
        (px(x + AT[1]![0], y + AT[1]![1]) << 10) |
        (px(x + AT[2]![0], y + AT[2]![1]) << 11) |
        (px(x + 1, y - 2) << 12) |
        (px(x, y - 2) << 13) |
        (px(x - 1, y - 2) << 14) |
        (px(x + AT[3]![0], y + AT[3]![1]) << 15);
      mq.encode(cx, bits[y * width + x]!);
    }
  }
  return mq.finish();
}

const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const s8 = (n: number): number => n & 0xff;

/** Segment header (§7.2) for segments that refer to no other segment, on page 1. */
function segment(number: number, type: number, data: number[] | Uint8Array): Uint8Array {
  return Uint8Array.from([...u32(number), type, 0x00, 0x01, ...u32(data.length), ...data]);
}

/**
 * The segments of one page as a PDF JBIG2Decode stream carries them (PDF 32000 §7.4.7: no file header;
 * page information, then an immediate generic region, then end of page). `ppi` goes in the page information
 * as pixels per metre.
 */
export function jbig2PageSegments(bits: Uint8Array, width: number, height: number, ppi: number): Uint8Array {
  const ppm = Math.round(ppi / 0.0254);
  const pageInfo = segment(0, 48, [...u32(width), ...u32(height), ...u32(ppm), ...u32(ppm), 0x00, 0x00, 0x00]);
  const region = [
    ...u32(width), ...u32(height), ...u32(0), ...u32(0), 0x00, // region segment information, combination OR
    0x00, // generic region flags: arithmetic (MMR 0), template 0, no TPGDON
    ...AT.flatMap(([x, y]) => [s8(x), s8(y)]),
    ...encodeGenericRegion(bits, width, height),
  ];
  const generic = segment(1, 38, region); // immediate generic region
  const endOfPage = segment(2, 49, []);
  return Uint8Array.from([...pageInfo, ...generic, ...endOfPage]);
}

/** The same page as a standalone .jb2 file (§D.4 file header, sequential organisation, one page) for jbig2dec. */
export function jbig2File(segments: Uint8Array): Uint8Array {
  const header = [0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, ...u32(1)];
  const endOfFile = segment(3, 51, []);
  // end of file belongs to no page: its page association byte is 0
  endOfFile[6] = 0x00;
  return Uint8Array.from([...header, ...segments, ...endOfFile]);
}
