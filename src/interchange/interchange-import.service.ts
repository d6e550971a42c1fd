import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { validateXML } from 'xmllint-wasm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { FundType } from '../ledger/domain/account-rules';
import { VoucherSource } from '../ledger/domain/voucher-type';
import { PeriodsRepository } from '../ledger/periods/periods.repository';
import { VouchersService } from '../ledger/vouchers/vouchers.service';
import { StatementsService } from '../statements/statements.service';
import { GBT_FILES } from './domain/gbt-description';
import { readForeignBooks, unmappedText } from './domain/gbt-foreign.rules';
import { checkBooks, ImportedBooks, ImportedVoucher, readBooks } from './domain/gbt-import.rules';
import { foreignFiles, ownExport, xmlFiles } from './gbt-upload';
import { GBT_XSD } from './domain/gbt-schema';
import { parseXml } from './gbt-parser';
import { InterchangeError } from './interchange.errors';
import { InterchangeRepository } from './interchange.repository';

export interface ImportSummary {
  accounts: number;
  projects: number;
  openingBalances: number;
  vouchers: number;
  closedPeriods: string[];
}

const MAX_SCHEMA_PROBLEMS = 20;

/**
 * Import of our GB/T 24589 file into a union that has no books yet: checked whole (schema, then the books'
 * own consistency, then against the union), then written in one transaction through the same posting path as
 * every voucher — numbers, balances, chains and triggers as usual — so either all of it is there or none.
 */
@Injectable()
export class InterchangeImportService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly vouchers: VouchersService,
    private readonly periods: PeriodsRepository,
    private readonly statements: StatementsService,
    private readonly repo: InterchangeRepository,
    private readonly audit: AuditService,
  ) {}

  async importGbt(unionId: string, upload: { fileName: string; content: Buffer }, actor: Actor): Promise<ImportSummary> {
    const { books, foreign } = await this.read(upload);
    // other software states what levels of 科目余额及发生额 it likes: what it states must agree, the rest is not asked
    const wrong = checkBooks(books, { balancesComplete: !foreign });
    if (wrong.length > 0) throw new InterchangeError('INTERCHANGE_BOOKS_INVALID', `文件中的账簿数据有误，未导入任何数据：${wrong[0]}`, { problems: wrong });

    return this.db.transaction(async (em) => {
      const union = await this.books.lockPeriods(em, unionId, { forWrite: true });
      if (await this.repo.hasBooks(em, unionId)) {
        throw new InterchangeError('INTERCHANGE_UNION_NOT_EMPTY', '本工会已有凭证、草稿、期初余额或已结账月份：只能导入到尚未记账的新工会');
      }
      const mismatch: string[] = [];
      if (union.firstPeriod !== books.from) mismatch.push(`文件从 ${formatPeriod(books.from)} 开始，本工会的启用期间是 ${formatPeriod(union.firstPeriod)}：请使用启用期间为 ${formatPeriod(books.from)} 的工会`);
      if (union.numbering !== books.numbering) mismatch.push(`文件的凭证编号方式为 ${books.numbering}，本工会为 ${union.numbering}`);
      const existing = await this.repo.accounts(em, unionId);
      const created = books.accounts.filter((a) => !existing.has(a.code));
      for (const a of created.filter((x) => x.isStandard)) mismatch.push(`标准科目 ${a.code} ${a.name} 不在本工会的科目表中（科目模板不同）`);
      if (mismatch.length > 0) throw new InterchangeError('INTERCHANGE_BOOKS_INVALID', `文件与本工会不符，未导入任何数据：${mismatch[0]}`, { problems: mismatch });

      await this.repo.insertAccounts(em, unionId, created);
      const projects = await this.repo.insertProjects(em, unionId, books.projects);
      await this.repo.insertOpenings(em, unionId, books.openings);
      const closed: string[] = [];
      const ids = new Map<string, string>();
      for (const { period, closed: isClosed } of books.periods) {
        for (const v of books.vouchers.filter((x) => x.period === period)) ids.set(v.ref, await this.post(em, unionId, v, ids, actor));
        if (isClosed) {
          await this.periods.lock(em, unionId, period);
          await this.periods.recordEvent(em, { unionId, period, action: 'close', reason: '数据接口导入', actor: actor.name, actorId: actor.id });
          await this.periods.markClosed(em, unionId, period, actor.name);
          await this.statements.cacheClosedMonth(em, union, period);
          closed.push(formatPeriod(period));
        }
      }
      await this.repo.deactivate(em, unionId, books);
      const summary: ImportSummary = { accounts: created.length, projects, openingBalances: books.openings.length, vouchers: books.vouchers.length, closedPeriods: closed };
      await this.audit.record(em, actor, [
        {
          unionId,
          action: 'interchange.import',
          entityType: 'union',
          entityId: unionId,
          after: { ...summary, fileName: upload.fileName, sha256: createHash('sha256').update(upload.content).digest('hex'), sourceUnit: `${books.unionName}（${books.unionCode}）`, from: formatPeriod(books.from), to: formatPeriod(books.to) },
        },
      ]);
      return summary;
    });
  }

  /** Our own export, checked against our XSD; or another program's files, read as far as they map (gbt-foreign.rules.ts). */
  private async read(upload: { fileName: string; content: Buffer }): Promise<{ books: ImportedBooks; foreign: boolean }> {
    const files = await xmlFiles(upload);
    const own = ownExport(files);
    if (!own) {
      const { books, problems } = readForeignBooks(foreignFiles(files));
      if (problems.length > 0) throw new InterchangeError('INTERCHANGE_UNMAPPABLE', `文件中有无法对应到本系统账簿的内容，未导入任何数据：${unmappedText(problems[0])}`, { problems: problems.map(unmappedText), places: problems });
      return { books, foreign: true };
    }
    const problems: string[] = [];
    for (const [name, xml] of [[GBT_FILES.master, own.master], [GBT_FILES.ledger, own.ledger]]) {
      const result = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: 'gbt24589.xsd', contents: GBT_XSD }] });
      if (!result.valid) problems.push(...result.errors.slice(0, MAX_SCHEMA_PROBLEMS).map((e) => `${name}${e.loc ? ` 第 ${e.loc.lineNumber} 行` : ''}：${e.message}`));
    }
    if (problems.length > 0) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `文件不符合数据接口格式：${problems[0]}`, { problems });
    return { books: readBooks(parseXml(GBT_FILES.master, own.master), parseXml(GBT_FILES.ledger, own.ledger)), foreign: false };
  }

  /**
   * One voucher through the ordinary posting path. The importing user posts it (posted_by_id); the names the
   * file gives for 制单, 审核, 记账 and 出纳 are kept as text, with no user behind them.
   */
  private async post(em: EntityManager, unionId: string, v: ImportedVoucher, ids: Map<string, string>, actor: Actor): Promise<string> {
    try {
      const { id, posting } = await this.vouchers.postInTransaction(
        em,
        unionId,
        {
          date: v.date,
          type: v.type,
          red: v.red,
          attachmentCount: v.attachments,
          lines: v.lines.map((l) => ({
            summary: l.summary,
            accountCode: l.accountCode,
            side: l.debit.isZero() ? 'credit' : 'debit',
            amount: l.debit.isZero() ? l.credit : l.debit,
            projectCode: l.projectCode,
            fundType: l.fundType as FundType | null,
          })),
        },
        {
          source: v.source as VoucherSource,
          // a file that names nobody (other software may not): the importing user, who posts it
          preparer: { id: null, name: v.preparer || actor.name },
          poster: { ...actor, name: v.postedBy || actor.name },
          reviewer: v.reviewer ? { id: null, name: v.reviewer } : null,
          cashier: v.cashier ? { id: null, name: v.cashier } : null,
          preparedAt: new Date(v.preparedAt),
        },
      );
      if (posting.number !== v.number) throw new InterchangeError('INTERCHANGE_BOOKS_INVALID', `凭证 ${v.ref} 导入后编号为 ${posting.number}，与文件不符`);
      if (v.reversalOf) await this.repo.linkReversal(em, unionId, ids.get(v.reversalOf)!, id);
      return id;
    } catch (err) {
      if (err instanceof InterchangeError || !(err instanceof DomainError)) throw err;
      throw new InterchangeError('INTERCHANGE_BOOKS_INVALID', `凭证 ${v.ref} 不能记账，未导入任何数据：${err.message}`, { voucher: v.ref, code: err.code, ...(err.details ?? {}) });
    }
  }
}
