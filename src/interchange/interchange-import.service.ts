import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
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
import { checkBooks, ImportedVoucher, readBooks } from './domain/gbt-import.rules';
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
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

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
    const files = await unzip(upload.content);
    const problems: string[] = [];
    for (const name of [GBT_FILES.master, GBT_FILES.ledger]) {
      const result = await validateXML({ xml: [{ fileName: 'file.xml', contents: files[name] }], schema: [{ fileName: 'gbt24589.xsd', contents: GBT_XSD }] });
      if (!result.valid) problems.push(...result.errors.slice(0, MAX_SCHEMA_PROBLEMS).map((e) => `${name}${e.loc ? ` 第 ${e.loc.lineNumber} 行` : ''}：${e.message}`));
    }
    if (problems.length > 0) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `文件不符合数据接口格式：${problems[0]}`, { problems });
    const books = readBooks(parseXml(GBT_FILES.master, files[GBT_FILES.master]), parseXml(GBT_FILES.ledger, files[GBT_FILES.ledger]));
    const wrong = checkBooks(books);
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
          preparer: { id: null, name: v.preparer },
          poster: { ...actor, name: v.postedBy },
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

async function unzip(content: Buffer): Promise<Record<string, string>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    throw new InterchangeError('INTERCHANGE_FILE_INVALID', '上传的文件不是 zip 压缩包：请上传本系统“国标数据接口导出”得到的 zip 文件');
  }
  const out: Record<string, string> = {};
  for (const name of [GBT_FILES.master, GBT_FILES.ledger]) {
    const entry = zip.file(name);
    if (!entry) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `压缩包中缺少 ${name}`, { missing: name });
    // a zip of a few MB may unpack to gigabytes: refuse before unpacking what no export of ours would be
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (size > MAX_UNPACKED_BYTES) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `${name} 解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，请按年度分段导出后分别导入`);
    out[name] = await entry.async('string');
  }
  return out;
}

