import { inflateSync } from 'node:zlib';

// pdf-parse's main file runs a self-test when loaded without a parent module; its library file does not
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse: (data: Buffer) => Promise<{ text: string; numpages: number; info: Record<string, unknown> }> = require('pdf-parse/lib/pdf-parse.js');

/** The text a reader copies out of a PDF (pdf.js through pdf-parse): what the embedded font's ToUnicode map gives. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const r = await parse(pdf);
  return { text: r.text, pages: r.numpages };
}

/** Fonts a PDF embeds (their /FontFile2 streams) and any it only names. */
export function pdfFonts(pdf: Buffer): { embedded: number; baseFonts: string[] } {
  const s = pdf.toString('latin1');
  return { embedded: (s.match(/\/FontFile2/g) ?? []).length, baseFonts: [...new Set(s.match(/\/BaseFont \/[^\s/]+/g) ?? [])] };
}

/** Every stream of the PDF that inflates (page contents among them), as text: drawing operators can be looked for. */
export function pdfContent(pdf: Buffer): string {
  const out: string[] = [];
  for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 7)) {
    const end = pdf.indexOf('\nendstream', at);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
    } catch {
      // not deflated (or not a stream start): skip
    }
  }
  return out.join('\n');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
