import type { Writable } from 'node:stream';
import { formatPeriod, periodsBetween } from '../common/period';
import { EXPORT_LABEL, estimateRows, ExportKind, writeExport } from '../exports/export-kinds';
import type { ExportContext } from '../exports/sheets/export-context';
import type { Snapshot } from '../exports/snapshot';
import { localTime } from '../exports/xlsx/audit-workbook';
import { PDF_ROW_LIMIT } from './pdf/table-book.pdf';
import { voucherCover } from './domain/voucher-sheet';
import { PdfTableBook } from './pdf/table-book.pdf';
import { writePeriodVouchers } from './pdf/voucher-printer';
import { PrintRepository } from './print.repository';

/** The books an audit pack prints beside its workbook: 科目余额表, 明细账, the two 日记账 and 01表/02表. */
export const PACK_PDF_BOOKS = ['trial-balance', 'subsidiary-ledgers', 'cash-journal', 'bank-journal', 'statements'] as const satisfies readonly ExportKind[];

/** Writes one file of the pack; resolves with its page count once `out` has finished. */
export type AddPdf = (name: string, write: (out: Writable) => Promise<number>) => Promise<void>;

/**
 * The PDFs of an export, read in the export's own snapshot so they show the very figures of its workbook:
 * for the audit pack each month's posted vouchers behind their binding cover (A4, two a page) and the books
 * of PACK_PDF_BOOKS; for any other kind, that book. A book longer than `limit` rows prints month by month;
 * a month longer still is left to the workbook, and the returned notes (the pack's 说明) say so.
 */
export async function writePackPdfs(snap: Snapshot, ctx: ExportContext, kind: ExportKind, add: AddPdf, limit = PDF_ROW_LIMIT): Promise<string[]> {
  const notes: string[] = [];
  const books: ExportKind[] = kind === 'audit-pack' ? [...PACK_PDF_BOOKS] : [kind];
  for (const k of books) {
    const label = EXPORT_LABEL[k];
    const whole = (await estimateRows(k, snap, ctx)) <= limit;
    for (const [from, to] of whole ? [[ctx.from, ctx.to]] : periodsBetween(ctx.from, ctx.to).map((p) => [p, p])) {
      const part = { ...ctx, from, to };
      const range = from === to ? formatPeriod(from) : `${formatPeriod(from)}至${formatPeriod(to)}`;
      if (!whole) {
        const rows = await estimateRows(k, snap, part);
        if (rows > limit) {
          notes.push(`${label} ${range}：约 ${rows} 行，超过每份 PDF ${limit} 行，未生成 PDF，请看工作簿`);
          continue;
        }
      }
      await add(`PDF/${label}-${range}.pdf`, async (out) => {
        const book = new PdfTableBook(out, { title: `${ctx.unionName} ${label} ${range}`, author: `${ctx.centerName}；打印于 ${localTime(ctx.generatedAt, ctx.timeZone)}` }, ctx.timeZone);
        await writeExport(k, book, snap, part, () => Promise.reject(new Error('the audit pack cover is not printed')));
        return book.close();
      });
    }
  }
  if (kind !== 'audit-pack') return notes;
  const repo = new PrintRepository();
  const unit = (await repo.unit(snap.manager, ctx.unionId))!;
  for (const period of periodsBetween(ctx.from, ctx.to)) {
    const types = await repo.cover(snap.manager, ctx.unionId, period, null);
    if (types.length === 0) {
      notes.push(`记账凭证 ${formatPeriod(period)}：本月没有已过账的凭证`);
      continue;
    }
    const cover = voucherCover({ unitName: unit.name, unitCode: unit.code, period, types, printedAt: localTime(ctx.generatedAt, ctx.timeZone), chiefAccountant: unit.chiefAccountant });
    await add(`PDF/记账凭证-${formatPeriod(period)}.pdf`, async (out) => (await writePeriodVouchers(snap.manager, repo, { unionId: ctx.unionId, period, types, layout: 'a4', cover, unit }, out)).pages);
  }
  return notes;
}
