/** Image-only PDF, one JPEG per page, the page box sized so the image sits at its scan resolution. */
import { PDFDocument } from 'pdf-lib';

export interface PdfPage {
  jpeg: Buffer;
  width: number;
  height: number;
  dpi: number;
}

export async function imagePdf(pages: PdfPage[], meta: { title: string; date: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // fixed metadata: the same seed must give the same bytes
  doc.setTitle(meta.title);
  doc.setProducer('apa-ocr sample generator');
  doc.setCreator('apa-ocr sample generator');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  for (const p of pages) {
    const img = await doc.embedJpg(p.jpeg);
    const w = (p.width * 72) / p.dpi;
    const h = (p.height * 72) / p.dpi;
    const page = doc.addPage([w, h]);
    page.drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return doc.save({ useObjectStreams: false });
}
