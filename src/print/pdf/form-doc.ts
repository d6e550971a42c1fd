import { Writable } from 'node:stream';
import { BLACK, Doc, fitText, GRID, MM, openPdf } from './pdf-canvas';

const PAGE: [number, number] = [210 * MM, 297 * MM];
const MARGIN = 40;
const FOOTER = 24;
export const FORM_WIDTH = PAGE[0] - 2 * MARGIN;

/** A cell of a form row: its share of the row's width, and how its text sits. */
export interface FormCell {
  text: string;
  /** Fraction of the row's width. */
  w: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/**
 * A small printed form on A4 portrait (余额调节表, 支出审批单): the title and the unit lines repeated at the
 * top of every page, rows that break onto a new page (repeating the open table's header), and
 * "<title> 第 N 页 共 M 页" in the footer. Forms are small: the pages are kept and the file is returned
 * whole, so a failure half-way is an error answer, never a truncated file.
 */
export class FormDoc {
  readonly doc: Doc;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private y = Infinity;
  private tableHeader: { cells: FormCell[]; h: number } | null = null;

  constructor(
    private readonly title: string,
    private readonly lines: string[],
    info: { author: string },
  ) {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.chunks.push(chunk);
        cb();
      },
    });
    ({ doc: this.doc, done: this.done } = openPdf(sink, { size: PAGE, title, author: info.author, bufferPages: true }));
  }

  /** Room for `h` more points on this page, or a new page (with the open table's header again). */
  ensure(h: number): void {
    if (this.y + h <= PAGE[1] - MARGIN - FOOTER) return;
    this.doc.addPage();
    this.y = MARGIN;
    fitText(this.doc, this.title, MARGIN, this.y, FORM_WIDTH, 24, { size: 16, align: 'center', pad: 0 });
    this.y += 28;
    for (const l of this.lines) {
      fitText(this.doc, l, MARGIN, this.y, FORM_WIDTH, 14, { size: 9, min: 6, pad: 0 });
      this.y += 14;
    }
    this.y += 4;
    if (this.tableHeader) this.draw(this.tableHeader.cells, this.tableHeader.h, { fill: '#ddebf7' });
  }

  /** A line of text outside any table. */
  text(s: string, opts: { size?: number; color?: string; h?: number; align?: 'left' | 'center' | 'right' } = {}): void {
    const h = opts.h ?? 16;
    this.ensure(h);
    fitText(this.doc, s, MARGIN, this.y, FORM_WIDTH, h, { size: opts.size ?? 9.5, min: 6, color: opts.color, align: opts.align, pad: 0 });
    this.y += h;
  }

  gap(h = 8): void {
    this.y += h;
  }

  /** Starts a table: its header row now and on every page the table runs onto. */
  table(header: FormCell[], h = 18): void {
    this.tableHeader = null;
    this.ensure(h * 2);
    this.draw(header, h, { fill: '#ddebf7' });
    this.tableHeader = { cells: header, h };
  }

  endTable(): void {
    this.tableHeader = null;
  }

  row(cells: FormCell[], opts: { h?: number; fill?: string } = {}): void {
    const h = opts.h ?? 16;
    this.ensure(h);
    this.draw(cells, h, opts);
  }

  /** The finished file, every page numbered. */
  async close(): Promise<{ pdf: Buffer; pages: number }> {
    if (this.y === Infinity) this.ensure(1);
    const { start, count } = this.doc.bufferedPageRange();
    for (let p = start; p < start + count; p++) {
      this.doc.switchToPage(p);
      fitText(this.doc, `${this.title}    第 ${p - start + 1} 页 共 ${count} 页`, MARGIN, PAGE[1] - MARGIN - 8, FORM_WIDTH, 14, { size: 8, align: 'center', pad: 0 });
    }
    this.doc.flushPages();
    this.doc.end();
    await this.done;
    return { pdf: Buffer.concat(this.chunks), pages: count };
  }

  private draw(cells: FormCell[], h: number, opts: { fill?: string }): void {
    const doc = this.doc;
    if (opts.fill) doc.rect(MARGIN, this.y, FORM_WIDTH, h).fill(opts.fill).fillColor(BLACK);
    let x = MARGIN;
    doc.lineWidth(0.4).strokeColor(GRID);
    for (const c of cells) {
      const w = c.w * FORM_WIDTH;
      doc.rect(x, this.y, w, h).stroke();
      if (c.text) fitText(doc, c.text, x, this.y, w, h, { size: 8.5, min: 5, align: c.align ?? 'left', color: c.color });
      x += w;
    }
    this.y += h;
  }
}
