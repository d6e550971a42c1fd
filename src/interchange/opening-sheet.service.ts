import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { findHeader, isBlank } from '../banking/domain/columns';
import { readTable } from '../banking/files/table-file';
import { DomainError } from '../common/errors/domain-error';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { CLOSING_POSTED } from '../ledger/domain/closing-accounts';
import { validateOpeningBalances } from '../ledger/domain/opening-balances.rules';
import { LedgerError } from '../ledger/ledger.errors';
import { planOpeningSheet, SheetProblem, SheetRow } from './domain/opening-sheet.rules';
import { InterchangeError } from './interchange.errors';
import { InterchangeRepository } from './interchange.repository';

export interface OpeningSheetSummary {
  accounts: number;
  openingBalances: number;
  debit: string;
  credit: string;
}

const COLUMNS = {
  code: ['科目编码', '科目代码', '科目编号', '编码', '代码'],
  name: ['科目名称', '名称'],
  side: ['方向', '余额方向', '借贷方向', '借/贷'],
  amount: ['期初余额', '年初余额', '期初余额（元）', '期初数', '余额'],
} as const;
const MAX_ROWS = 5000;

/**
 * 期初余额 and detail accounts from another package's xlsx (or csv): validated whole, then written in one
 * transaction — the new detail accounts, then the opening balances replaced as the 期初余额 screen does —
 * or nothing at all, with every problem and its row.
 */
@Injectable()
export class OpeningSheetService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly repo: InterchangeRepository,
    private readonly audit: AuditService,
  ) {}

  async importSheet(unionId: string, upload: { fileName: string; content: Buffer }, actor: Actor): Promise<OpeningSheetSummary> {
    const table = await readTable(upload.content, { maxRows: MAX_ROWS });
    const header = findHeader(table.rows, COLUMNS, ['code', 'side', 'amount']);
    if (!header) throw invalid([{ row: null, message: '找不到表头：第一张工作表须有“科目编码”“方向”“期初余额”列（“科目名称”列用于新增明细科目）' }]);
    const rows: SheetRow[] = [];
    table.rows.forEach((cells, i) => {
      if (i <= header.row || isBlank(cells)) return;
      const at = (k: keyof typeof COLUMNS) => (header.columns[k] === undefined ? '' : (cells[header.columns[k]!] ?? '').trim());
      // a totals line (合计) has no code
      if (at('code') === '' && /合计|总计/.test(cells.join(''))) return;
      rows.push({ row: i + 1, code: at('code'), name: at('name'), side: at('side'), amount: at('amount') });
    });

    return this.db.transaction(async (em) => {
      const union = await this.books.lockPosting(em, unionId, { forWrite: true });
      if (await this.repo.openingLocked(em, unionId, union.firstPeriod)) {
        throw new LedgerError('OPENING_BALANCES_LOCKED', '已有过账凭证或启用期间已结账，期初余额已锁定，不能再导入');
      }
      const chart = await this.repo.chart(em, unionId);
      const { plan, problems } = planOpeningSheet(rows, chart, CLOSING_POSTED);
      if (!plan) throw invalid(problems);
      await this.repo.insertAccounts(em, unionId, plan.accounts);
      // the ledger's own rules for opening balances (active leaves, projects, fund types), row numbers kept
      const after = await this.repo.chart(em, unionId);
      try {
        validateOpeningBalances(
          plan.openings.map((o) => ({ accountCode: o.code, side: o.amount.gt(0) ? 'debit' : 'credit', amount: o.amount.abs(), projectCode: null })),
          after,
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const m = /^第 (\d+) 行：(.*)$/.exec(err.message);
        throw invalid([m ? { row: plan.openings[Number(m[1]) - 1].row, message: `第 ${plan.openings[Number(m[1]) - 1].row} 行：${m[2]}` } : { row: null, message: err.message }]);
      }
      const before = await this.repo.openingLines(em, unionId);
      await this.repo.replaceOpenings(em, unionId, plan.openings.map((o) => ({ code: o.code, projectCode: null, amount: o.amount })));
      await this.audit.record(em, actor, [
        ...plan.accounts.map((a) => ({ unionId, action: 'account.create', entityType: 'account', entityId: a.code, after: { code: a.code, name: a.name, parentCode: a.parentCode, importedFrom: upload.fileName } })),
        { unionId, action: 'opening.set', entityType: 'opening_balances', entityId: unionId, before, after: { fileName: upload.fileName, lines: plan.openings.map((o) => ({ account: o.code, amount: o.amount.toFixed(2) })) } },
      ]);
      return { accounts: plan.accounts.length, openingBalances: plan.openings.length, debit: plan.debit.toFixed(2), credit: plan.credit.toFixed(2) };
    });
  }
}

function invalid(problems: SheetProblem[]): InterchangeError {
  return new InterchangeError('INTERCHANGE_SHEET_INVALID', `期初余额文件有 ${problems.length} 处错误，未导入任何数据：${problems[0].message}`, { problems });
}
