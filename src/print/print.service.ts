import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { notFound } from '../common/errors/common.errors';
import { formatPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { localTime } from '../exports/xlsx/audit-workbook';
import { LedgerClock } from '../ledger/ledger.clock';
import { VoucherType } from '../ledger/domain/voucher-type';
import { CoverTypeFacts, PrintLayout, ROWS_PER_SHEET, VoucherCover, voucherCover, voucherSheets, VoucherSheet } from './domain/voucher-sheet';
import { Doc, MM, openPdf } from './pdf/pdf-canvas';
import { drawCover, drawVoucherSheet } from './pdf/voucher.drawing';
import { PrintError } from './print.errors';
import { PrintRepository, PrintUnit } from './print.repository';

/** Page size and where each voucher sits on it: A4 portrait holds two, one above the other; 凭证纸 holds one. */
const PAGES: Record<PrintLayout, { size: [number, number]; slots: number }> = {
  a4: { size: [210 * MM, 297 * MM], slots: 2 },
  paper: { size: [240 * MM, 140 * MM], slots: 1 },
};
/** Writes a prepared PDF into `out`; resolves when `out` has finished. */
export type PdfWriter<R> = (out: Writable) => Promise<R>;

/** Vouchers read per query while a month prints: memory stays flat however many the month holds. */
const BATCH = 200;

/**
 * Fixed-layout PDF (财会〔2024〕12号 第二十七条): 记账凭证 one at a time or a month bound behind its cover.
 * Each method writes one whole PDF into `out` and resolves when `out` has finished; no permission check
 * here (controllers and the archive check theirs), no transaction held while writing.
 */
@Injectable()
export class PrintService {
  constructor(
    private readonly db: Database,
    private readonly repo: PrintRepository,
    private readonly clock: LedgerClock,
  ) {}

  async voucherPdf(unionId: string, voucherId: string, out: Writable, opts: { layout?: PrintLayout } = {}): Promise<{ pages: number }> {
    return (await this.prepareVoucher(unionId, voucherId, opts))(out);
  }

  /** Checks and reads first (a 4xx before any byte is written), then returns the writer. */
  async prepareVoucher(unionId: string, voucherId: string, opts: { layout?: PrintLayout } = {}): Promise<PdfWriter<{ pages: number }>> {
    const unit = await this.unit(unionId);
    const v = await this.repo.voucher(this.db.manager, unionId, voucherId);
    if (!v) {
      if (await this.repo.isDraft(this.db.manager, unionId, voucherId)) {
        throw new PrintError('PRINT_NOT_POSTED', '凭证尚未过账，不能打印；审核过账后再打印', { voucherId });
      }
      throw notFound('凭证', { voucherId });
    }
    const layout = opts.layout ?? 'a4';
    const sheets = voucherSheets({ ...v, chiefAccountant: unit.chiefAccountant });
    return async (out) => {
      const pdf = new VoucherPrinter(out, layout, `${sheets[0].number} ${unit.name}`, unit);
      for (const s of sheets) pdf.sheet(s);
      return { pages: await pdf.end() };
    };
  }

  /**
   * A month's posted vouchers of a union (one type, or all in the order 记/收/付/转) in number order, behind a
   * binding cover. The cover's number ranges are read first and bound what follows, so a voucher posted
   * while the file is written neither appears nor leaves the cover wrong.
   */
  async periodVouchersPdf(
    unionId: string,
    req: { period: number; type?: VoucherType; layout?: PrintLayout },
    out: Writable,
  ): Promise<{ pages: number; vouchers: number }> {
    return (await this.preparePeriodVouchers(unionId, req))(out);
  }

  async preparePeriodVouchers(unionId: string, req: { period: number; type?: VoucherType; layout?: PrintLayout }): Promise<PdfWriter<{ pages: number; vouchers: number }>> {
    const unit = await this.unit(unionId);
    const types = await this.repo.cover(this.db.manager, unionId, req.period, req.type ?? null);
    if (types.length === 0) {
      throw new PrintError('PRINT_NOTHING', `${formatPeriod(req.period)} 没有已过账的凭证可打印`, { period: formatPeriod(req.period), type: req.type ?? null });
    }
    const layout = req.layout ?? 'a4';
    const cover = voucherCover({ unitName: unit.name, unitCode: unit.code, period: req.period, types, printedAt: localTime(new Date(), this.clock.zone), chiefAccountant: unit.chiefAccountant });
    return (out) => this.writePeriod(unionId, req.period, types, layout, cover, unit, out);
  }

  private async writePeriod(
    unionId: string,
    period: number,
    types: CoverTypeFacts[],
    layout: PrintLayout,
    cover: VoucherCover,
    unit: PrintUnit,
    out: Writable,
  ): Promise<{ pages: number; vouchers: number }> {
    const pdf = new VoucherPrinter(out, layout, `${formatPeriod(period)} 记账凭证 ${unit.name}`, unit);
    pdf.cover(cover);
    let vouchers = 0;
    try {
      for (const t of types) {
        for (let from = t.first; from <= t.last; from += BATCH) {
          const batch = await this.repo.vouchers(this.db.manager, unionId, period, t.type, from, Math.min(t.last, from + BATCH - 1));
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

  private async unit(unionId: string): Promise<PrintUnit> {
    const unit = await this.repo.unit(this.db.manager, unionId);
    if (!unit) throw notFound('工会', { unionId });
    return unit;
  }
}

/** Places voucher sheets on pages: A4 two a page (top, then bottom half), 凭证纸 one a page; the cover on a page of its own. */
class VoucherPrinter {
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
