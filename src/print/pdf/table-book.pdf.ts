import type { Writable } from 'node:stream';
import { Cell, Column, MONEY_MIN_WIDTH, SheetSpec, TableBook, TableSheet } from '../../exports/xlsx/audit-workbook';
import { wallClock } from '../../common/period';
import { BLACK, Doc, fitText, GRID, MM, openPdf, RED, shownAmount } from './pdf-canvas';

const PAGE: [number, number] = [297 * MM, 210 * MM];
const MARGIN = 28;
const ROW = 15;
const HEADER = 20;
const FOOTER = 18;
const YIELD_EVERY = 50;
/** Rows one PDF may hold (about 33 a page; its pages are kept until numbered): a longer book prints a shorter range at a time. */
export const PDF_ROW_LIMIT = 20_000;

/**
 * Books and statements as PDF: the sheet writers of the xlsx exports (the same readers and rows) drawn on A4
 * landscape — per sheet a title, subtitle and header row repeated on every page, amounts right-aligned in
 * their columns with red-ink (negative) amounts in red, zero amounts blank as in the workbook, totals shaded,
 * and "第 N 页 共 M 页" counted per sheet (pages are kept until the end to number them).
 */
export class PdfTableBook implements TableBook {
  readonly doc: Doc;
  private readonly done: Promise<void>;
  /** Per sheet: its title and first and last page (0-based). */
  readonly sections: { title: string; first: number; last: number }[] = [];

  constructor(
    out: Writable,
    props: { title: string; author: string },
    readonly timeZone: string,
  ) {
    ({ doc: this.doc, done: this.done } = openPdf(out, { size: PAGE, title: props.title, author: props.author, bufferPages: true }));
  }

  sheet(spec: SheetSpec): TableSheet {
    return new PdfSheet(this, spec);
  }

  /** @internal a new page of the current sheet; returns its index. */
  newPage(title: string): number {
    this.doc.addPage();
    const index = this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
    const last = this.sections[this.sections.length - 1];
    if (last && last.title === title && last.last === index - 1) last.last = index;
    else this.sections.push({ title, first: index, last: index });
    return index;
  }

  async close(): Promise<number> {
    if (this.sections.length === 0) this.newPage('');
    const [w, h] = PAGE;
    for (const s of this.sections) {
      for (let p = s.first; p <= s.last; p++) {
        this.doc.switchToPage(p);
        fitText(this.doc, `${s.title}    第 ${p - s.first + 1} 页 共 ${s.last - s.first + 1} 页`, MARGIN, h - MARGIN + 4, w - 2 * MARGIN, 12, { size: 8, align: 'center', pad: 0 });
      }
    }
    const pages = this.doc.bufferedPageRange().count;
    this.doc.flushPages();
    this.doc.end();
    await this.done;
    return pages;
  }
}

class PdfSheet implements TableSheet {
  private readonly xs: number[];
  private y = Infinity;
  private rows = 0;
  private started = false;

  constructor(
    private readonly book: PdfTableBook,
    private readonly spec: SheetSpec,
  ) {
    const widths = spec.columns.map(widthOf);
    const total = widths.reduce((a, b) => a + b, 0);
    const usable = PAGE[0] - 2 * MARGIN;
    this.xs = [MARGIN];
    for (const wd of widths) this.xs.push(this.xs[this.xs.length - 1] + (wd / total) * usable);
  }

  async add(values: Cell[], opts: { bold?: boolean; level?: number } = {}): Promise<void> {
    if (this.y + ROW > PAGE[1] - MARGIN - FOOTER) this.page();
    const doc = this.book.doc;
    const { columns } = this.spec;
    if (opts.bold) doc.rect(this.xs[0], this.y, this.xs[columns.length] - this.xs[0], ROW).fill('#eeeeee').fillColor(BLACK);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const v = values[i] ?? null;
      const x = this.xs[i];
      const w = this.xs[i + 1] - x;
      const indent = c.indent ? Math.max(0, (opts.level ?? 1) - 1) * 8 : 0;
      const text = shown(c, v, this.book.timeZone);
      if (text === '') continue;
      const red = c.type === 'money' && typeof v === 'number' && v < 0;
      fitText(doc, text, x + indent, this.y, w - indent, ROW, { size: 7.5, min: 5, align: c.type === 'money' || c.type === 'int' ? 'right' : 'left', color: red ? RED : BLACK });
    }
    doc.lineWidth(0.3).strokeColor(GRID).moveTo(this.xs[0], this.y + ROW).lineTo(this.xs[columns.length], this.y + ROW).stroke();
    for (const x of this.xs) doc.moveTo(x, this.y).lineTo(x, this.y + ROW).stroke();
    this.y += ROW;
    if (++this.rows % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  async end(): Promise<void> {
    if (!this.started) this.page();
  }

  private page(): void {
    this.started = true;
    const doc = this.book.doc;
    this.book.newPage(this.spec.title);
    const w = PAGE[0] - 2 * MARGIN;
    let y = MARGIN;
    fitText(doc, this.spec.title, MARGIN, y, w, 20, { size: 14, align: 'center', pad: 0 });
    y += 22;
    fitText(doc, this.spec.subtitle, MARGIN, y, w, 12, { size: 8, min: 6, pad: 0 });
    y += 14;
    const last = this.spec.columns.length;
    doc.rect(this.xs[0], y, this.xs[last] - this.xs[0], HEADER).fill('#ddebf7').fillColor(BLACK);
    this.spec.columns.forEach((c, i) => fitText(doc, c.header, this.xs[i], y, this.xs[i + 1] - this.xs[i], HEADER, { size: 7.5, min: 5, align: 'center' }));
    doc.lineWidth(0.3).strokeColor(GRID).rect(this.xs[0], y, this.xs[last] - this.xs[0], HEADER).stroke();
    for (const x of this.xs) doc.moveTo(x, y).lineTo(x, y + HEADER).stroke();
    this.y = y + HEADER;
  }
}

function widthOf(c: Column): number {
  return c.type === 'money' ? Math.max(c.width, MONEY_MIN_WIDTH - 4) : c.type === 'datetime' ? Math.max(c.width, 17) : c.width;
}

/** A cell as printed: the workbook's number formats (#,##0.00, blank zero amounts, yyyy-mm-dd, local times). */
function shown(c: Column, v: Cell, timeZone: string): string {
  if (v === null || v === undefined) return '';
  switch (c.type) {
    case 'money':
      return typeof v === 'number' && v !== 0 ? shownAmount({ toFixed: (n) => v.toFixed(n) }) : typeof v === 'string' ? v : '';
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case 'datetime':
      return v instanceof Date ? wallClock(v, timeZone).toISOString().slice(0, 19).replace('T', ' ') : String(v);
    default:
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  }
}
