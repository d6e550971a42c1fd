import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { BankAccountsService } from '../accounts/bank-accounts.service';
import { BankingError } from '../banking.errors';
import { matchLines } from '../domain/matching.rules';
import { BankSettingsRepository } from '../settings/bank-settings.repository';
import { StatementsRepository } from '../statements/statements.repository';
import { BookLine, bookKey, MatchesRepository, MatchRecord, StatementSideLine } from './matches.repository';

export interface MatchDetail extends MatchRecord {
  statement: StatementSideLine[];
  book: BookLine[];
}

export interface BookLineRef {
  unionId: string;
  voucherId: string;
  lineNo: number;
}

/**
 * 自动对账: statement lines and the posted lines on the account's shares (every union sharing it), paired by
 * the rules of `matchLines`. High- and medium-confidence pairs are matched at once; low ones wait for the
 * cashier (confirm or reject). The cashier can match by hand (the sums must agree) and undo a match.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly db: Database,
    private readonly matches: MatchesRepository,
    private readonly accounts: BankAccountsService,
    private readonly settings: BankSettingsRepository,
    private readonly statements: StatementsRepository,
    private readonly audit: AuditService,
  ) {}

  autoMatch(centerId: string, bankAccountId: string, actor: Actor): Promise<{ confirmed: number; proposed: number }> {
    return this.db.transaction(async (em) => {
      await this.accounts.require(em, centerId, bankAccountId, true);
      const result = await this.autoMatchIn(em, centerId, bankAccountId, actor);
      await this.audit.record(em, actor, [{ unionId: null, action: 'bank-match.auto', entityType: 'bank-account', entityId: bankAccountId, after: { centerId, ...result } }]);
      return result;
    });
  }

  /** Inside a transaction that holds the account's row lock (import, or autoMatch). */
  async autoMatchIn(em: EntityManager, centerId: string, bankAccountId: string, actor: Actor): Promise<{ confirmed: number; proposed: number }> {
    const statement = await this.matches.openStatementLines(em, centerId, bankAccountId);
    const book = await this.matches.openBookLines(em, centerId, bankAccountId);
    if (statement.length === 0 && book.length < 2) return { confirmed: 0, proposed: 0 };
    const refs = new Map(book.map((b) => [bookKey(b), b]));
    const { matchWindowDays } = await this.settings.of(em, centerId);
    const through = (await this.statements.lastLine(em, centerId, bankAccountId))?.date ?? null;
    const found = matchLines(
      statement,
      book.map((b) => ({ key: bookKey(b), date: b.date, amount: b.amount, reference: b.reference, voucher: `${b.unionId}|${b.voucherId}` })),
      matchWindowDays,
      through,
    );
    const rows = found.map((m) => ({
      id: uuidv7(),
      rule: m.rule,
      confidence: m.confidence,
      status: m.confidence === 'low' ? ('proposed' as const) : ('confirmed' as const),
      statement: m.statement,
      book: m.book.map((k) => refs.get(k)!),
    }));
    await this.matches.insert(em, centerId, bankAccountId, rows, actor);
    const proposed = rows.filter((r) => r.status === 'proposed').length;
    return { confirmed: rows.length - proposed, proposed };
  }

  /**
   * 手工对账: statement lines and book lines whose sums agree, none of them in another live match. Book lines
   * alone that cancel out (a transfer between two shares), or statement lines alone (a bank's 冲正), are a match too.
   */
  manual(centerId: string, bankAccountId: string, statementIds: string[], bookRefs: BookLineRef[], actor: Actor): Promise<MatchDetail> {
    return this.db.transaction(async (em) => {
      await this.accounts.require(em, centerId, bankAccountId, true);
      const s = await this.matches.statementLinesById(em, centerId, bankAccountId, [...new Set(statementIds)]);
      const b = await this.matches.bookLinesByKey(em, centerId, bankAccountId, dedupe(bookRefs));
      if (s.length !== new Set(statementIds).size || b.length !== dedupe(bookRefs).length) {
        throw new BankingError('MATCH_INVALID', '所选流水或账簿分录不属于该统一账户（账簿分录须为其份额科目上已过账的分录）');
      }
      if (s.length + b.length < 2) {
        throw new BankingError('MATCH_INVALID', '请至少选择两笔：银行流水与账簿分录，或相互抵销的两笔以上账簿分录（内部划转）');
      }
      const sTotal = s.reduce((x, l) => x.plus(l.amount), new Decimal(0));
      const bTotal = b.reduce((x, l) => x.plus(l.amount), new Decimal(0));
      if (!sTotal.equals(bTotal)) {
        throw new BankingError('MATCH_INVALID', `银行流水合计 ${sTotal.toFixed(2)} 与账簿分录合计 ${bTotal.toFixed(2)} 不相等，不能勾对`, {
          statementTotal: sTotal.toFixed(2),
          bookTotal: bTotal.toFixed(2),
        });
      }
      const id = uuidv7();
      await this.matches.insert(em, centerId, bankAccountId, [{ id, rule: 'manual', confidence: 'high', status: 'confirmed', statement: s.map((l) => l.id), book: b }], actor);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'bank-match.manual', entityType: 'bank-match', entityId: id, after: { centerId, bankAccountId, statement: s.map((l) => l.id), book: b.map(bookKey), amount: sTotal.toFixed(2) } },
      ]);
      return this.detail(em, centerId, bankAccountId, id);
    });
  }

  /** Confirms a proposal (review queue). */
  confirm(centerId: string, bankAccountId: string, id: string, actor: Actor): Promise<MatchDetail> {
    return this.decide(centerId, bankAccountId, id, 'confirm', actor);
  }

  /** Rejects a proposal or undoes a match: its lines are open again (a rejected pairing is not proposed again). */
  unmatch(centerId: string, bankAccountId: string, id: string, actor: Actor): Promise<MatchDetail> {
    return this.decide(centerId, bankAccountId, id, 'unmatch', actor);
  }

  async list(centerId: string, bankAccountId: string, status: string | undefined, page: number, pageSize: number) {
    const em = this.db.manager;
    await this.accounts.require(em, centerId, bankAccountId);
    const { items, total } = await this.matches.list(em, centerId, bankAccountId, status, page, pageSize);
    const lines = await this.matches.items(em, centerId, items.map((m) => m.id));
    return { items: items.map((m) => ({ ...m, ...lines.get(m.id)! })), total, page, pageSize };
  }

  private decide(centerId: string, bankAccountId: string, id: string, action: 'confirm' | 'unmatch', actor: Actor): Promise<MatchDetail> {
    return this.db.transaction(async (em) => {
      await this.accounts.require(em, centerId, bankAccountId, true);
      const match = await this.matches.find(em, centerId, bankAccountId, id, true);
      if (!match) throw notFound('对账勾对', { matchId: id });
      if (action === 'confirm' && match.status !== 'proposed') throw new BankingError('MATCH_STATUS', `该勾对${STATUS_NAME[match.status]}，不能确认`);
      if (action === 'unmatch' && match.status !== 'proposed' && match.status !== 'confirmed') throw new BankingError('MATCH_STATUS', `该勾对${STATUS_NAME[match.status]}`);
      const next = action === 'confirm' ? 'confirmed' : match.status === 'proposed' ? 'rejected' : 'undone';
      await this.matches.decide(em, centerId, id, next, actor);
      await this.audit.record(em, actor, [
        { unionId: null, action: `bank-match.${next === 'confirmed' ? 'confirm' : next === 'rejected' ? 'reject' : 'undo'}`, entityType: 'bank-match', entityId: id, before: { status: match.status }, after: { status: next } },
      ]);
      return this.detail(em, centerId, bankAccountId, id);
    });
  }

  private async detail(em: EntityManager, centerId: string, bankAccountId: string, id: string): Promise<MatchDetail> {
    const match = (await this.matches.find(em, centerId, bankAccountId, id))!;
    return { ...match, ...(await this.matches.items(em, centerId, [id])).get(id)! };
  }
}

const STATUS_NAME: Record<MatchRecord['status'], string> = { proposed: '待确认', confirmed: '已确认', rejected: '已被驳回', undone: '已撤销' };

function dedupe(refs: BookLineRef[]): BookLineRef[] {
  const seen = new Map(refs.map((r) => [bookKey(r), r]));
  return [...seen.values()];
}
