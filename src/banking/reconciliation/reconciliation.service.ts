import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../common/http/actor.decorator';
import { formatAmount, sum } from '../../common/money/amount';
import { Database } from '../../database/database.service';
import { LedgerClock } from '../../ledger/ledger.clock';
import { BankAccount, BankAccountsRepository } from '../accounts/bank-accounts.repository';
import { BankAccountsService } from '../accounts/bank-accounts.service';
import { BankingError } from '../banking.errors';
import { reconcile, ReconciliationFigures } from '../domain/reconciliation.rules';
import { StatementsRepository } from '../statements/statements.repository';
import { BookLine, MatchesRepository, StatementSideLine } from './matches.repository';
import { ReconciliationRepository, SignOff } from './reconciliation.repository';

export type Reconciliation = ReconciliationFigures<StatementSideLine, BookLine> & {
  bankAccountId: string;
  date: string;
  statementDate: string | null;
  pendingProposals: number;
  lastSignOff: SignOff | null;
};

/**
 * 银行存款余额调节表 of a pooled account at a date (a month's end): the pooled book balance (Σ of the shares),
 * the statement's running balance, and the four kinds of reconciling items — what one side has by the date
 * and the other has not, per the confirmed matches. A cashier signs off "reconciled through date X" when
 * the adjusted balances agree and nothing waits in the review queue.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly db: Database,
    private readonly accounts: BankAccountsService,
    private readonly accountsRepo: BankAccountsRepository,
    private readonly statements: StatementsRepository,
    private readonly matches: MatchesRepository,
    private readonly signOffs: ReconciliationRepository,
    private readonly audit: AuditService,
    private readonly clock: LedgerClock,
  ) {}

  /** The statement at the end of a month (`YYYY-MM`), or of a date. */
  async statement(centerId: string, bankAccountId: string, at: { period?: string; date?: string }): Promise<Reconciliation> {
    const em = this.db.manager;
    const account = await this.accounts.require(em, centerId, bankAccountId);
    return this.compute(em, account, at.period ? monthEnd(at.period) : (at.date ?? this.clock.today()));
  }

  signOff(centerId: string, bankAccountId: string, through: string, note: string | undefined, actor: Actor): Promise<SignOff> {
    return this.db.transaction(async (em) => {
      const account = await this.accounts.require(em, centerId, bankAccountId, true);
      const r = await this.compute(em, account, through);
      if (r.statementDate === null || (await this.statements.lastLine(em, centerId, bankAccountId))!.date < through) {
        throw new BankingError('RECONCILIATION_NOT_READY', `银行对账单尚未导入到 ${through}，不能签认截至该日的对账`);
      }
      if (r.pendingProposals > 0) {
        throw new BankingError('RECONCILIATION_NOT_READY', `尚有 ${r.pendingProposals} 条待确认的自动勾对，请先确认或驳回`, { pendingProposals: r.pendingProposals });
      }
      if (!r.agrees) {
        throw new BankingError('RECONCILIATION_DIFFERENCE', `调节后余额不符：企业账面 ${formatAmount(r.adjustedBook)}，银行 ${formatAmount(r.adjustedStatement)}，差额 ${formatAmount(r.difference)}`, {
          difference: formatAmount(r.difference),
        });
      }
      const id = uuidv7();
      const openItems = r.bankInNotBook.length + r.bankOutNotBook.length + r.bookInNotBank.length + r.bookOutNotBank.length;
      await this.signOffs.insert(em, centerId, {
        id,
        bankAccountId,
        throughDate: through,
        bookBalance: r.bookBalance,
        statementBalance: r.statementBalance,
        adjustedBalance: r.adjustedBook,
        openItems,
        note: note ?? null,
        signedBy: actor.id,
        signedByName: actor.name,
      });
      await this.audit.record(em, actor, [
        {
          unionId: null,
          action: 'bank-reconciliation.sign-off',
          entityType: 'bank-account',
          entityId: bankAccountId,
          after: { centerId, through, bookBalance: formatAmount(r.bookBalance), statementBalance: formatAmount(r.statementBalance), adjusted: formatAmount(r.adjustedBook), openItems },
        },
      ]);
      return (await this.signOffs.last(em, centerId, bankAccountId))!;
    });
  }

  /** 中心概览: per active account, the open items to the last statement line and days since the last sign-off. */
  async summary(centerId: string) {
    const em = this.db.manager;
    const today = this.clock.today();
    const out = [];
    for (const account of (await this.accountsRepo.list(em, centerId)).filter((a) => a.status === 'active')) {
      const last = await this.statements.lastLine(em, centerId, account.id);
      const r = await this.compute(em, account, last?.date ?? today);
      const items = [...r.bankInNotBook, ...r.bankOutNotBook, ...r.bookInNotBank, ...r.bookOutNotBank];
      out.push({
        bankAccountId: account.id,
        bankName: account.bankName,
        accountNo: account.accountNo,
        statementThrough: last?.date ?? null,
        unreconciledItems: items.length,
        unreconciledAmount: formatAmount(sum(items.map((i) => i.amount.abs()))),
        oldestItemDate: items.map((i) => i.date).sort()[0] ?? null,
        pendingProposals: r.pendingProposals,
        difference: formatAmount(r.difference),
        reconciledThrough: r.lastSignOff?.throughDate ?? null,
        daysSinceReconciled: r.lastSignOff ? daysBetween(r.lastSignOff.throughDate, today) : null,
      });
    }
    return out;
  }

  private async compute(em: EntityManager, account: BankAccount, date: string): Promise<Reconciliation> {
    const positions = await this.accountsRepo.position(em, account.centerId, account.id, date, this.clock.zone);
    const book = sum(positions.map((p) => p.balance));
    const bank = await this.statements.balanceAt(em, account.centerId, account.id, date);
    const statementBalance = bank?.balance ?? (account.openedOn !== null && account.openedOn <= date ? account.openingBalance! : new Decimal(0));
    const figures = reconcile(
      book,
      statementBalance,
      await this.matches.unsettledStatement(em, account.centerId, account.id, date),
      await this.matches.unsettledBook(em, account.centerId, account.id, date),
    );
    return {
      bankAccountId: account.id,
      date,
      statementDate: bank?.date ?? null,
      ...figures,
      pendingProposals: await this.signOffs.pendingProposals(em, account.centerId, account.id, date),
      lastSignOff: (await this.signOffs.last(em, account.centerId, account.id)) ?? null,
    };
  }
}

function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}
