import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { EXPORT_LABEL, estimateRows, ExportKind, writeExport } from '../exports/export-kinds';
import { exportContext } from '../exports/export-files';
import { ExportError } from '../exports/exports.errors';
import { Snapshot } from '../exports/snapshot';
import { localTime } from '../exports/xlsx/audit-workbook';
import { periodRange } from '../ledger/domain/period-range';
import { PDF_ROW_LIMIT, PdfTableBook } from './pdf/table-book.pdf';
import type { PdfWriter } from './print.service';

/** Books and statements a PDF can hold: every xlsx export kind but the audit pack (its cover attests the workbook). */
export const BookKinds = ['statements', 'budget-execution', 'trial-balance', 'general-ledger', 'voucher-journal', 'subsidiary-ledgers', 'cash-journal', 'bank-journal', 'claims', 'audit-log'] as const satisfies readonly ExportKind[];
export type BookKind = (typeof BookKinds)[number];


/**
 * 科目余额表, 总账, 明细账, 日记账, 01表/02表… as PDF, written by the very sheet writers of the xlsx exports
 * from one consistent snapshot: the PDF and the workbook of the same range show the same figures.
 */
@Injectable()
export class BooksPrintService {
  private readonly limit: number;
  /** The ledger's time zone (LEDGER_TIMEZONE, as LedgerClock reads it): printed times are local there. */
  private readonly zone: string;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.limit = Number(config.get('PRINT_PDF_ROWS') ?? PDF_ROW_LIMIT);
    this.zone = config.get<string>('LEDGER_TIMEZONE') ?? 'Asia/Shanghai';
  }

  async bookPdf(unionId: string, req: { kind: BookKind; from: string; to: string }, actor: Actor, out: import('node:stream').Writable): Promise<{ pages: number }> {
    return (await this.prepareBook(unionId, req, actor)).write(out);
  }

  /** Checks the range and the size first (a 4xx before any byte), records the download, returns the writer. */
  async prepareBook(unionId: string, req: { kind: BookKind; from: string; to: string }, actor: Actor): Promise<{ fileName: string; write: PdfWriter<{ pages: number }> }> {
    periodRange(req.from, req.to);
    const snap = await Snapshot.open(this.db.dataSource);
    try {
      const ctx = await exportContext(snap, { unionId, from: req.from, to: req.to }, actor, this.zone, () => undefined);
      const rows = await estimateRows(req.kind, snap, ctx);
      if (rows > this.limit) {
        throw new ExportError('EXPORT_TOO_LARGE_FOR_DIRECT', `该账表约 ${rows} 行，超过 PDF 每份 ${this.limit} 行的上限，请缩短期间分次打印，或导出 Excel`, { rows, limit: this.limit });
      }
      await this.audit.record(this.db.manager, actor, [
        { unionId, action: 'export.download', entityType: 'export', entityId: null, after: { kind: req.kind, format: 'pdf', from: req.from, to: req.to, rows } },
      ]);
      const label = EXPORT_LABEL[req.kind];
      return {
        fileName: `${ctx.unionCode}-${label}-${ctx.from}-${ctx.to}.pdf`,
        write: async (out) => {
          try {
            const book = new PdfTableBook(out, { title: `${ctx.unionName} ${label}`, author: `${ctx.centerName}；打印于 ${localTime(ctx.generatedAt, ctx.timeZone)}` }, ctx.timeZone);
            await writeExport(req.kind, book, snap, ctx, () => Promise.reject(new Error('the audit pack is not printed')));
            return { pages: await book.close() };
          } finally {
            await snap.close().catch(() => undefined);
          }
        },
      };
    } catch (err) {
      await snap.close();
      throw err;
    }
  }
}
