import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { BankAccountsService } from '../accounts/bank-accounts.service';
import { BankingError } from '../banking.errors';
import { rowsRefused } from '../domain/row-problems';
import { chainProblems, lineIdentity, mappingProblem, readStatementRows, StatementLineInput, StatementMapping } from '../domain/statement.rules';
import { readTable } from '../files/table-file';
import { Upload } from '../files/upload';
import { MatchingService } from '../reconciliation/matching.service';
import { StatementFormat, StatementImport, StatementsRepository } from './statements.repository';

export const MAX_STATEMENT_ROWS = 50_000;

export interface ImportResult {
  statement: StatementImport;
  duplicates: number;
  matched: { confirmed: number; proposed: number };
}

/**
 * 银行对账单导入: a pooled account's statement, read by a saved column mapping (or the usual header names),
 * checked line by line — every bad cell reported at once — and refused when its running balance does not
 * chain, within the file or from the last line already imported. Lines already imported are recognised by
 * their identity and skipped; the new ones must continue the account's statement (no lines slipped in
 * between imported ones). Automatic matching runs on the new lines in the same transaction.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly db: Database,
    private readonly statements: StatementsRepository,
    private readonly accounts: BankAccountsService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
  ) {}

  async import(centerId: string, bankAccountId: string, upload: Upload, actor: Actor): Promise<ImportResult> {
    const table = await readTable(upload.content, { maxRows: MAX_STATEMENT_ROWS });
    return this.db.transaction(async (em) => {
      const account = await this.accounts.require(em, centerId, bankAccountId);
      if (account.status !== 'active') throw new BankingError('BANK_ACCOUNT_CLOSED', '该统一账户已销户');
      const formatId = upload.fields.formatId ?? null;
      let mapping: StatementMapping | null = null;
      if (formatId) {
        const format = /^[0-9a-f-]{36}$/i.test(formatId) ? await this.statements.format(em, centerId, formatId) : undefined;
        if (!format) throw new BankingError('STATEMENT_FORMAT_INVALID', '所选的对账单格式不存在');
        mapping = format.columns;
      }
      const read = readStatementRows(table.rows, mapping);
      if (read.problems.length > 0) throw rowsRefused('STATEMENT_INVALID', '对账单', read.problems);
      const lines = inBankOrder(read.lines);
      const broken = chainProblems(lines, null);
      if (broken.length > 0) throw rowsRefused('STATEMENT_INVALID', '对账单余额不连续：', broken);

      await this.statements.lockAccount(em, centerId, bankAccountId);
      const known = new Set(
        (await this.statements.linesBetween(em, centerId, bankAccountId, lines[0].date, lines[lines.length - 1].date)).map(lineIdentity),
      );
      const firstNew = lines.findIndex((l) => !known.has(lineIdentity(l)));
      const fresh = firstNew < 0 ? [] : lines.slice(firstNew);
      const stray = fresh.find((l) => known.has(lineIdentity(l)));
      if (stray) {
        throw rowsRefused('STATEMENT_INVALID', '对账单与已导入的流水交错：', [{ row: stray.row, message: '此行已导入，但它前面有未导入的新流水；请导入完整、连续的对账单' }]);
      }
      const last = await this.statements.lastLine(em, centerId, bankAccountId);
      if (fresh.length > 0 && last) {
        if (fresh[0].date < last.date) {
          throw rowsRefused('STATEMENT_INVALID', '对账单', [{ row: fresh[0].row, message: `新流水的日期早于已导入的最后一笔流水（${last.date}）` }]);
        }
        const gap = chainProblems(fresh.slice(0, 1), last.balance);
        if (gap.length > 0) throw rowsRefused('STATEMENT_INVALID', '对账单余额与已导入的流水不衔接：', gap);
      }

      const id = uuidv7();
      const record = {
        id,
        bankAccountId,
        fileName: upload.fileName,
        fileSha256: createHash('sha256').update(upload.content).digest('hex'),
        fileFormat: table.format,
        formatId,
        lineCount: lines.length,
        newLines: fresh.length,
        firstDate: lines[0].date,
        lastDate: lines[lines.length - 1].date,
        importedBy: actor.id,
        importedByName: actor.name,
      };
      await this.statements.insert(em, centerId, record, fresh, fresh.map(() => uuidv7()), (last?.seq ?? 0) + 1);
      const matched = await this.matching.autoMatchIn(em, centerId, bankAccountId, actor);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'bank-statement.import', entityType: 'bank-statement', entityId: id, after: { ...record, importedBy: undefined, matched } },
      ]);
      return { statement: (await this.statements.find(em, centerId, bankAccountId, id))!, duplicates: lines.length - fresh.length, matched };
    });
  }

  async list(centerId: string, bankAccountId: string, page: number, pageSize: number) {
    await this.accounts.require(this.db.manager, centerId, bankAccountId);
    return { ...(await this.statements.list(this.db.manager, centerId, bankAccountId, page, pageSize)), page, pageSize };
  }

  async lines(centerId: string, bankAccountId: string, q: { from?: string; to?: string; unmatched?: boolean; page: number; pageSize: number }) {
    await this.accounts.require(this.db.manager, centerId, bankAccountId);
    return { ...(await this.statements.lines(this.db.manager, centerId, bankAccountId, q)), page: q.page, pageSize: q.pageSize };
  }

  formats(centerId: string): Promise<StatementFormat[]> {
    return this.statements.formats(this.db.manager, centerId);
  }

  /** Saves a bank's column mapping (new, or replacing the one named by `id`). */
  saveFormat(centerId: string, id: string | null, f: Omit<StatementFormat, 'id'>, actor: Actor): Promise<StatementFormat> {
    const problem = mappingProblem(f.columns);
    if (problem) throw new BankingError('STATEMENT_FORMAT_INVALID', `对账单格式${problem}`);
    return this.db.transaction(async (em) => {
      if (id && !(await this.statements.format(em, centerId, id))) throw notFound('对账单格式', { formatId: id });
      const format = { ...f, id: id ?? uuidv7() };
      await this.statements.saveFormat(em, centerId, format);
      await this.audit.record(em, actor, [{ unionId: null, action: id ? 'statement-format.update' : 'statement-format.create', entityType: 'statement-format', entityId: format.id, after: { centerId, ...f } }]);
      return (await this.statements.format(em, centerId, format.id))!;
    });
  }
}

/** Banks export oldest first or newest first: the statement is kept oldest first. */
function inBankOrder(lines: StatementLineInput[]): StatementLineInput[] {
  if (lines.length < 2) return lines;
  const first = lines[0].date;
  const last = lines[lines.length - 1].date;
  if (first > last) return [...lines].reverse();
  if (first === last && chainProblems(lines, null).length > 0 && chainProblems([...lines].reverse(), null).length === 0) return [...lines].reverse();
  return lines;
}
