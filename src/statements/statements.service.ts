import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { Snapshot } from '../exports/snapshot';
import { BooksRepository } from '../ledger/books.repository';
import { LedgerError } from '../ledger/ledger.errors';
import { StatementLine } from './domain/statement-line';
import { SignersDto, SignersResponse, StatementQuery, StatementResponse } from './dto/statement.dto';
import { StatementReader, targetOf } from './statement-reader';
import { cacheKind, StatementsCalculator, StatementTarget } from './statements.calculator';
import { Signers, StatementKind, StatementsRepository } from './statements.repository';

/**
 * 工会01表 and 工会02表 of one union, for a month or a year. A closed month's statements come from what was
 * computed when it closed; a closed year's annual statements are frozen (FrozenStatements); anything else
 * is computed from the books as they stand, inside one consistent snapshot.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly repo: StatementsRepository,
    private readonly calculator: StatementsCalculator,
    private readonly reader: StatementReader,
    private readonly audit: AuditService,
  ) {}

  async statement(kind: StatementKind, unionId: string, q: StatementQuery): Promise<StatementResponse> {
    const t = targetOf(kind, q);
    return this.read(async (em) => {
      const union = await this.books.findUnion(em, unionId, { forWrite: false });
      if (t.period < union.firstPeriod) {
        throw new LedgerError('PERIOD_BEFORE_START', `${t.annual ? `${Math.floor(t.period / 100)} 年度` : formatPeriod(t.period)} 早于本工会启用期间 ${formatPeriod(union.firstPeriod)}`);
      }
      return this.reader.union(em, union, t);
    });
  }

  /** Computes and keeps a month's statements as it closes (and, in December, the year's), in the closing transaction. */
  async cacheClosedMonth(em: EntityManager, union: { id: string; firstPeriod: number }, period: number): Promise<void> {
    const targets: StatementTarget[] = (['balance-sheet', 'income-expenditure'] as const).flatMap((kind) => [
      { kind, period, annual: false },
      ...(period % 100 === 12 ? [{ kind, period, annual: true }] : []),
    ]);
    for (const t of targets) await this.repo.cache(em, union.id, period, cacheKind(t), await this.calculator.lines(em, union, t));
  }

  /** A closed month's statement: as kept when the month closed (computed again if it was not kept). */
  async closedMonthLines(em: EntityManager, union: { id: string; firstPeriod: number }, t: StatementTarget): Promise<StatementLine[]> {
    return (await this.repo.cached(em, [union.id], t.period, cacheKind(t))).get(union.id) ?? this.calculator.lines(em, union, t);
  }

  dropCachedMonth(em: EntityManager, unionId: string, period: number): Promise<void> {
    return this.repo.dropCache(em, unionId, period);
  }

  async signers(unionId: string): Promise<SignersResponse> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.repo.signers(this.db.manager, unionId);
  }

  saveSigners(unionId: string, dto: SignersDto, actor: Actor): Promise<SignersResponse> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const before = await this.repo.signers(em, unionId);
      const after: Signers = {
        legalRepresentative: dto.legalRepresentative?.trim() || null,
        accountingHead: dto.accountingHead?.trim() || null,
        accountingBodyHead: dto.accountingBodyHead?.trim() || null,
      };
      await this.repo.saveSigners(em, unionId, after, actor.id);
      await this.audit.record(em, actor, [{ unionId, action: 'statements.signers', entityType: 'union', entityId: unionId, before, after }]);
      return after;
    });
  }

  /** Several reads that must agree: one REPEATABLE READ, READ ONLY transaction. */
  async read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const snap = await Snapshot.open(this.db.dataSource);
    try {
      return await work(snap.manager);
    } finally {
      await snap.close();
    }
  }
}
