import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { notFound } from '../common/errors/common.errors';
import { formatPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { localTime } from '../exports/xlsx/audit-workbook';
import { LedgerClock } from '../ledger/ledger.clock';
import { VoucherType } from '../ledger/domain/voucher-type';
import { CoverTypeFacts, PrintLayout, VoucherCover, voucherCover, voucherSheets } from './domain/voucher-sheet';
import { VoucherPrinter, writePeriodVouchers } from './pdf/voucher-printer';
import { PrintError } from './print.errors';
import { PrintRepository, PrintUnit } from './print.repository';

/** Writes a prepared PDF into `out`; resolves when `out` has finished. */
export type PdfWriter<R> = (out: Writable) => Promise<R>;

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

  private writePeriod(
    unionId: string,
    period: number,
    types: CoverTypeFacts[],
    layout: PrintLayout,
    cover: VoucherCover,
    unit: PrintUnit,
    out: Writable,
  ): Promise<{ pages: number; vouchers: number }> {
    return writePeriodVouchers(this.db.manager, this.repo, { unionId, period, types, layout, cover, unit }, out);
  }

  private async unit(unionId: string): Promise<PrintUnit> {
    const unit = await this.repo.unit(this.db.manager, unionId);
    if (!unit) throw notFound('工会', { unionId });
    return unit;
  }
}
