import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService, AuditEvent } from '../../audit/audit.service';
import { CommonError, notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { AMOUNT_PATTERN } from '../../common/money/amount';
import { isCalendarDate } from '../../common/period';
import { Database } from '../../database/database.service';
import { VouchersService } from '../../ledger/vouchers/vouchers.service';
import { BankingError } from '../banking.errors';
import { ALLOCATION_COLUMNS, AllocationRow, checkAllocationRows } from '../domain/allocation.rules';
import { receiptCredit, ReceiptInput, receiptLines } from '../domain/receipt.rules';
import { RowProblem, rowsRefused } from '../domain/row-problems';
import { findHeader, isBlank } from '../domain/columns';
import { readTable } from '../files/table-file';
import { Upload } from '../files/upload';
import { NewReceipt, ReceiptsRepository } from '../receipts/receipts.repository';
import { BankSettingsRepository } from '../settings/bank-settings.repository';
import { AllocationBatch, AllocationsRepository } from './allocations.repository';

export const MAX_ALLOCATION_ROWS = 5000;

interface Credit {
  bankAccountId: string;
  date: string;
  amount: Decimal;
  reference: string;
  payer: string;
}

interface Checked {
  credit: Credit;
  rows: AllocationRow[];
  total: Decimal;
  sha256: string;
  format: 'xlsx' | 'csv';
}

/**
 * 经费返还: one bank credit split across many unions by a file. The whole file is checked first — unions,
 * amounts, types, repeated rows, the total against the credit, and every row's voucher against its union's
 * books (period open, accounts, projects) — and refused with every row's problem at once. A valid file is
 * kept as a batch; posting it (by someone other than who uploaded it) records a receipt per row and posts
 * all their vouchers in one transaction, or none.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly db: Database,
    private readonly batches: AllocationsRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly settings: BankSettingsRepository,
    private readonly vouchers: VouchersService,
    private readonly audit: AuditService,
  ) {}

  /** 校验: the whole check, nothing kept. */
  async validate(centerId: string, upload: Upload) {
    const checked = await this.check(this.db.manager, centerId, upload);
    return { valid: true, rows: checked.rows.length, total: checked.total.toFixed(2), creditAmount: checked.credit.amount.toFixed(2) };
  }

  /** 上传: checked, then kept as a batch waiting to be posted. */
  upload(centerId: string, upload: Upload, actor: Actor): Promise<AllocationBatch> {
    return this.db.transaction(async (em) => {
      const checked = await this.check(em, centerId, upload);
      const id = uuidv7();
      const { credit } = checked;
      await this.batches.insert(
        em,
        {
          centerId, id, number: await this.batches.nextNumber(em, centerId, Number(credit.date.slice(0, 4))), bankAccountId: credit.bankAccountId,
          creditDate: credit.date, creditAmount: credit.amount, creditReference: credit.reference, payer: credit.payer, fileName: upload.fileName,
          fileSha256: checked.sha256, fileFormat: checked.format, rowCount: checked.rows.length, uploadedBy: actor.id, uploadedByName: actor.name,
        },
        checked.rows,
      );
      const batch = (await this.batches.find(em, centerId, id))!;
      await this.audit.record(em, actor, [
        { unionId: null, action: 'allocation.upload', entityType: 'allocation', entityId: id, after: { centerId, number: batch.number, rows: batch.rowCount, amount: credit.amount.toFixed(2), reference: credit.reference, sha256: checked.sha256 } },
      ]);
      return batch;
    });
  }

  /** 过账: every row's receipt and voucher in one transaction, after every row is checked again against the books now. */
  post(centerId: string, id: string, actor: Actor): Promise<AllocationBatch> {
    return this.db.transaction(async (em) => {
      const batch = await this.require(em, centerId, id, true);
      if (batch.status !== 'validated') throw statusError(batch);
      const stored = await this.batches.rows(em, centerId, id);
      const unions = await this.batches.unionsByCode(em, centerId, batch.bankAccountId, stored.map((r) => r.unionCode));
      const rows: AllocationRow[] = [];
      const problems: RowProblem[] = [];
      for (const r of stored) {
        const u = unions.get(r.unionCode)!;
        if (u.status !== 'active' || !u.share) problems.push({ row: r.row, message: `工会 ${r.unionCode} ${u.name} 已${u.status === 'withdrawn' ? '退出' : '暂停'}集中核算或已无份额` });
        else rows.push({ ...r, share: u.share });
      }
      const credit: Credit = { bankAccountId: batch.bankAccountId, date: batch.creditDate, amount: batch.creditAmount, reference: batch.creditReference, payer: batch.payer };
      const items = await this.voucherItems(em, centerId, rows, credit);
      problems.push(...(await this.bookProblems(em, rows, items)));
      if (problems.length > 0) throw rowsRefused('ALLOCATION_INVALID', `分配批次 ${batch.number} 现在`, problems);

      const posted = await this.vouchers.postManyInTransaction(
        em,
        items.map((i) => ({ unionId: i.unionId, input: i.input })),
        { source: 'allocation', preparer: { id: batch.uploadedBy, name: batch.uploadedByName }, poster: actor, preparedAt: batch.uploadedAt },
      );
      await this.recordReceipts(em, batch, rows, items, posted.map((p) => p.id), actor);
      await this.batches.markPosted(em, centerId, id, actor);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'allocation.post', entityType: 'allocation', entityId: id, after: { centerId, number: batch.number, vouchers: posted.length } },
      ]);
      return (await this.batches.find(em, centerId, id))!;
    });
  }

  cancel(centerId: string, id: string, reason: string, actor: Actor): Promise<AllocationBatch> {
    return this.db.transaction(async (em) => {
      const batch = await this.require(em, centerId, id, true);
      if (batch.status !== 'validated') throw statusError(batch);
      await this.batches.markCancelled(em, centerId, id, reason);
      await this.audit.record(em, actor, [{ unionId: null, action: 'allocation.cancel', entityType: 'allocation', entityId: id, after: { centerId, number: batch.number, reason } }]);
      return (await this.batches.find(em, centerId, id))!;
    });
  }

  async list(centerId: string, page: number, pageSize: number) {
    return { ...(await this.batches.list(this.db.manager, centerId, page, pageSize)), page, pageSize };
  }

  async get(centerId: string, id: string) {
    const batch = await this.require(this.db.manager, centerId, id);
    return { batch, rows: await this.batches.rows(this.db.manager, centerId, id) };
  }

  private async check(em: EntityManager, centerId: string, upload: Upload): Promise<Checked> {
    const credit = creditOf(upload.fields);
    const account: { status: string }[] = await em.query(`SELECT status FROM bank_accounts WHERE center_id = $1 AND id = $2`, [centerId, credit.bankAccountId]);
    if (!account[0]) throw notFound('统一账户', { bankAccountId: credit.bankAccountId });
    if (account[0].status !== 'active') throw new BankingError('BANK_ACCOUNT_CLOSED', '该统一账户已销户');
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const holder = await this.batches.holder(em, centerId, sha256, credit.bankAccountId, credit.reference);
    if (holder) {
      const what = holder.sameFile ? '同一文件' : `同一笔银行到账（流水号 ${credit.reference}）`;
      throw new BankingError('ALLOCATION_DUPLICATE', `${what}已由分配批次 ${holder.number} 上传，不能重复分配`, { batchNumber: holder.number });
    }
    const table = await readTable(upload.content, { maxRows: MAX_ALLOCATION_ROWS + 50 });
    const header = findHeader(table.rows, ALLOCATION_COLUMNS, ['union', 'amount']);
    if (!header) throw new BankingError('ALLOCATION_INVALID', '找不到表头：须有“工会编码”和“金额”列（可下载模板）');
    const data = table.rows.map((cells, i) => ({ row: i + 1, cells })).slice(header.row + 1).filter((r) => !isBlank(r.cells));
    if (data.length === 0) throw new BankingError('ALLOCATION_INVALID', '文件中没有分配数据');
    if (data.length > MAX_ALLOCATION_ROWS) throw new BankingError('ALLOCATION_INVALID', `一批最多 ${MAX_ALLOCATION_ROWS} 行，请拆分`);
    const codes = [...new Set(data.map((r) => (r.cells[header.columns.union] ?? '').trim()).filter(Boolean))];
    const unions = await this.batches.unionsByCode(em, centerId, credit.bankAccountId, codes);
    const checked = checkAllocationRows(data, header.columns, unions, credit);
    const items = await this.voucherItems(em, centerId, checked.rows, credit);
    const problems = [...checked.problems, ...(await this.bookProblems(em, checked.rows, items))];
    if (problems.length > 0) throw rowsRefused('ALLOCATION_INVALID', '分配文件', problems);
    return { credit, rows: checked.rows, total: checked.total, sha256, format: table.format };
  }

  /** Each row as its receipt voucher: Dr the union's share / Cr 402 (or the center's choice) or 403. */
  private async voucherItems(em: EntityManager, centerId: string, rows: AllocationRow[], credit: Credit) {
    const { allocationAccount } = await this.settings.of(em, centerId);
    return rows.map((r) => {
      const input: ReceiptInput = {
        kind: r.kind, amount: r.amount, payer: credit.payer, memo: r.memo, account: null, fundType: r.fundType, projectCode: r.projectCode, allocationAccount,
      };
      const account = receiptCredit(input);
      return { unionId: r.unionId, account, receipt: input, input: { date: credit.date, red: false, attachmentCount: 0, lines: receiptLines(input, r.share, account) } };
    });
  }

  /** Every row's voucher against its union's books as they are now (one read for all): its problem, if any. */
  private async bookProblems(em: EntityManager, rows: AllocationRow[], items: Awaited<ReturnType<AllocationsService['voucherItems']>>): Promise<RowProblem[]> {
    const results = await this.vouchers.checkMany(em, items.map((i) => ({ unionId: i.unionId, input: i.input })));
    return results.flatMap((r, i) => (r instanceof Error ? [{ row: rows[i].row, message: `工会 ${rows[i].unionCode}：${r.message}` }] : []));
  }

  private async recordReceipts(
    em: EntityManager,
    batch: AllocationBatch,
    rows: AllocationRow[],
    items: Awaited<ReturnType<AllocationsService['voucherItems']>>,
    voucherIds: string[],
    actor: Actor,
  ): Promise<void> {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.unionId, (counts.get(r.unionId) ?? 0) + 1);
    const numbers = await this.batches.nextReceiptNumbers(em, Number(batch.creditDate.slice(0, 4)), counts);
    const receipts: NewReceipt[] = rows.map((r, i) => ({
      unionId: r.unionId, id: uuidv7(), number: numbers.get(r.unionId)!.shift()!, kind: r.kind, amount: r.amount, date: batch.creditDate,
      payer: batch.payer, bankReference: batch.creditReference, shareAccount: r.share, creditAccount: items[i].account.account,
      fundType: items[i].account.fundType, projectCode: items[i].account.projectCode, memo: r.memo, duesPeriod: null, duesMembers: null,
      duesRollId: null, batchId: batch.id, voucherId: voucherIds[i], recordedBy: batch.uploadedBy, recordedByName: batch.uploadedByName,
    }));
    await this.receipts.insert(em, receipts);
    const events: AuditEvent[] = receipts.map((r) => ({
      unionId: r.unionId, action: 'receipt.record', entityType: 'receipt', entityId: r.id,
      after: { number: r.number, kind: r.kind, amount: r.amount.toFixed(2), batch: batch.number, voucherId: r.voucherId },
    }));
    await this.audit.record(em, actor, events);
  }

  private async require(em: EntityManager, centerId: string, id: string, lock = false): Promise<AllocationBatch> {
    const batch = await this.batches.find(em, centerId, id, { lock });
    if (!batch) throw notFound('分配批次', { allocationId: id });
    return batch;
  }
}

/** The bank credit a file is tied to, from the form's fields (sent before the file). */
function creditOf(fields: Record<string, string>): Credit {
  const problems: string[] = [];
  const { bankAccountId, creditDate, creditAmount, creditReference, payer } = fields;
  if (!bankAccountId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(bankAccountId)) problems.push('bankAccountId（统一账户）');
  if (!creditDate || !isCalendarDate(creditDate)) problems.push('creditDate（到账日期 YYYY-MM-DD）');
  if (!creditAmount || !AMOUNT_PATTERN.test(creditAmount) || creditAmount.startsWith('-') || new Decimal(creditAmount).isZero()) problems.push('creditAmount（到账金额）');
  if (!creditReference || creditReference.length > 64) problems.push('creditReference（银行流水号，最多 64 位）');
  if (!payer || payer.length > 100) problems.push('payer（付款单位，最多 100 字）');
  if (problems.length > 0) throw new CommonError('VALIDATION_FAILED', `请在文件之前正确填写：${problems.join('、')}`, { fields: problems });
  return { bankAccountId, date: creditDate, amount: new Decimal(creditAmount), reference: creditReference, payer };
}

function statusError(b: AllocationBatch): BankingError {
  return new BankingError('ALLOCATION_STATUS', `分配批次 ${b.number} ${b.status === 'posted' ? '已过账' : '已作废'}`, { status: b.status });
}
