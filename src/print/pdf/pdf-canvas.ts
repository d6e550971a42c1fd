import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;
export const FONT = 'cjk';
export const BLACK = '#000000';
export const RED = '#d00000';
export const GRID = '#555555';

let fontBytes: Buffer | null = null;
/**
 * Noto Sans SC (SIL OFL), shipped whole by an npm package: pdfkit embeds only the glyphs a document uses
 * (a subset with a ToUnicode map), so text copies and extracts as the same characters and a month of
 * vouchers stays small. Read once; each document parses it for itself.
 */
function cjkFont(): Buffer {
  fontBytes ??= readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  return fontBytes;
}

export type Doc = PDFKit.PDFDocument;

/** A PDF document writing into `out`, the CJK font selected; resolves `done` once `out` has taken every byte. */
export function openPdf(
  out: Writable,
  opts: { size: [number, number]; title: string; author: string; bufferPages?: boolean },
): { doc: Doc; done: Promise<void> } {
  const doc = new PDFDocument({
    size: opts.size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: opts.bufferPages ?? false,
    info: { Title: opts.title, Author: opts.author, Creator: 'union-ledger', Producer: 'union-ledger (pdfkit)' },
    lang: 'zh-CN',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);
  doc.registerFont(FONT, cjkFont());
  doc.font(FONT);
  return { doc, done };
}

/** Text in a box: shrunk down to `min` points to fit one line, else wrapped onto as many lines as the box holds. */
export function fitText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  o: { size: number; min?: number; align?: 'left' | 'center' | 'right'; color?: string; pad?: number },
): void {
  const pad = o.pad ?? 3;
  const inner = w - 2 * pad;
  let size = o.size;
  doc.fontSize(size);
  while (size > (o.min ?? size) && doc.widthOfString(text) > inner) doc.fontSize((size -= 0.5));
  doc.fillColor(o.color ?? BLACK);
  const oneLine = doc.widthOfString(text) <= inner;
  if (oneLine) {
    doc.text(text, x + pad, y + (h - doc.currentLineHeight()) / 2, { width: inner, align: o.align ?? 'left', lineBreak: false });
  } else {
    const lines = Math.max(1, Math.floor((h - 2) / doc.currentLineHeight()));
    const height = doc.heightOfString(text, { width: inner });
    doc.text(text, x + pad, y + Math.max(1, (h - Math.min(height, lines * doc.currentLineHeight())) / 2), {
      width: inner,
      height: lines * doc.currentLineHeight(),
      align: o.align ?? 'left',
      ellipsis: true,
    });
  }
  doc.fillColor(BLACK);
}

/** Thousands-grouped amount with two places ("-1,234.50"); blank for none. */
export function shownAmount(v: { toFixed(n: number): string } | null): string {
  if (v === null) return '';
  const [int, frac] = v.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
