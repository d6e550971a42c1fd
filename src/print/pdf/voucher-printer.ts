import type { Writable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { formatPeriod } from '../../common/period';
import { CoverTypeFacts, PrintLayout, ROWS_PER_SHEET, VoucherCover, voucherSheets, VoucherSheet } from '../domain/voucher-sheet';
import type { PrintRepository, PrintUnit } from '../print.repository';
import { Doc, MM, openPdf } from './pdf-canvas';
import { drawCover, drawVoucherSheet } from './voucher.drawing';

/** Page size and where each voucher sits on it: A4 portrait holds two, one above the other; 凭证纸 holds one. */
const PAGES: Record<PrintLayout, { size: [number, number]; slots: number }> = {
  a4: { size: [210 * MM, 297 * MM], slots: 2 },
  paper: { size: [240 * MM, 140 * MM], slots: 1 },
};

/** Vouchers read per query while a month prints: memory stays flat however many the month holds. */
const BATCH = 200;

/**
 * A month's vouchers behind their cover, read `BATCH` at a time through `em` — the service's connection,
 * or an export's snapshot (Snapshot.manager), so a pack's PDF shows the same moment as its workbook.
 */
export async function writePeriodVouchers(
  em: EntityManager,
  repo: PrintRepository,
  req: { unionId: string; period: number; types: CoverTypeFacts[]; layout: PrintLayout; cover: VoucherCover; unit: PrintUnit },
  out: Writable,
): Promise<{ pages: number; vouchers: number }> {
  const { unionId, period, unit } = req;
  const pdf = new VoucherPrinter(out, req.layout, `${formatPeriod(period)} 记账凭证 ${unit.name}`, unit);
  pdf.cover(req.cover);
  let vouchers = 0;
  try {
    for (const t of req.types) {
      for (let from = t.first; from <= t.last; from += BATCH) {
        const batch = await repo.vouchers(em, unionId, period, t.type, from, Math.min(t.last, from + BATCH - 1));
        for (const v of batch) {
          for (const s of voucherSheets({ ...v, chiefAccountant: unit.chiefAccountant })) pdf.sheet(s);
          vouchers++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch (err) {
    pdf.abort(err as Error);
    throw err;
  }
  return { pages: await pdf.end(), vouchers };
}

/** Places voucher sheets on pages: A4 two a page (top, then bottom half), 凭证纸 one a page; the cover on a page of its own. */
export class VoucherPrinter {
  private readonly doc: Doc;
  private readonly done: Promise<void>;
  private slot = Infinity;
  private pages = 0;

  constructor(
    private readonly out: Writable,
    private readonly layout: PrintLayout,
    title: string,
    private readonly unit: PrintUnit,
  ) {
    ({ doc: this.doc, done: this.done } = openPdf(out, { size: PAGES[layout].size, title, author: unit.centerName }));
  }

  cover(c: VoucherCover): void {
    this.newPage();
    const [w, h] = PAGES[this.layout].size;
    drawCover(this.doc, c, { x: 0, y: 0, w, h });
    this.slot = Infinity;
  }

  sheet(s: VoucherSheet): void {
    const { size, slots } = PAGES[this.layout];
    if (this.slot >= slots) this.newPage();
    const h = size[1] / slots;
    const box = { x: 0, y: this.slot * h, w: size[0], h };
    if (this.slot > 0) {
      // the cutting line between the two vouchers of an A4 page
      this.doc.save().dash(3, { space: 3 }).lineWidth(0.3).strokeColor('#999999').moveTo(12, box.y).lineTo(size[0] - 12, box.y).stroke().undash().restore();
    }
    drawVoucherSheet(this.doc, s, this.unit.name, box, ROWS_PER_SHEET);
    this.slot++;
  }

  async end(): Promise<number> {
    if (this.pages === 0) this.newPage();
    this.doc.end();
    await this.done;
    return this.pages;
  }

  abort(err: Error): void {
    this.out.destroy(err);
  }

  private newPage(): void {
    this.doc.addPage();
    this.pages++;
    this.slot = 0;
  }
}
