import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { formatAmount, sum } from '../../common/money/amount';
import { Database } from '../../database/database.service';
import { LedgerClock } from '../../ledger/ledger.clock';
import { VouchersService } from '../../ledger/vouchers/vouchers.service';
import { UnionError } from '../../unions/unions.errors';
import { UnionsRepository, UnionView } from '../../unions/unions.repository';
import { BankAccountsRepository } from '../accounts/bank-accounts.repository';
import { BankingError } from '../banking.errors';
import { WithdrawUnionDto } from './dto/withdraw.dto';
import { WithdrawalRepository } from './withdrawal.repository';

/** Who prepares the payout voucher: the system, from the director's decision (the director posts it). */
const PREPARER = { id: null, name: '系统（退出集中核算）' };

/**
 * 退出集中核算: a union leaves the center. Refused while anything is open (claims, reservations, drafts);
 * otherwise, in one transaction under the union's locks, its whole remaining share of every pooled account
 * is paid out to its own new bank account by one payment voucher (Dr its own bank account / Cr each share),
 * the shares reach zero, and the union becomes withdrawn — read-only in the database from then on.
 */
@Injectable()
export class WithdrawalService {
  constructor(
    private readonly db: Database,
    private readonly unions: UnionsRepository,
    private readonly accounts: BankAccountsRepository,
    private readonly withdrawals: WithdrawalRepository,
    private readonly vouchers: VouchersService,
    private readonly audit: AuditService,
    private readonly clock: LedgerClock,
  ) {}

  withdraw(unionId: string, dto: WithdrawUnionDto, actor: Actor): Promise<UnionView> {
    return this.db.transaction(async (em) => {
      // the union's row, then its periods lock (exclusive) and posting lock: nothing of the union is in
      // flight, and whatever comes after us sees it withdrawn
      const union = await this.unions.lockUnionBooks(em, unionId);
      if (!union) throw notFound('工会', { unionId });
      if (union.status === 'withdrawn') {
        throw new UnionError('UNION_STATUS_TRANSITION', '该工会已退出集中核算', { status: union.status, action: 'withdraw' });
      }
      const open = await this.withdrawals.openItems(em, unionId);
      if (open.claims + open.reservations + open.drafts > 0) {
        const what = [
          open.claims > 0 ? `未办结的报销单 ${open.claims} 张` : '',
          open.reservations > 0 ? `已批准未支付的资金预留 ${open.reservations} 笔` : '',
          open.drafts > 0 ? `未过账的凭证草稿 ${open.drafts} 张` : '',
        ].filter(Boolean);
        throw new BankingError('WITHDRAWAL_BLOCKED', `工会尚有${what.join('、')}，请先办结后再退出`, { ...open });
      }
      // a suspended union leaves too: its books take the payout inside this transaction only
      if (union.status === 'suspended') await this.withdrawals.setStatus(em, unionId, 'active');

      const date = dto.date ?? this.clock.today();
      const shares = (await this.withdrawals.shareBalances(em, unionId)).filter((s) => !s.balance.isZero());
      const amount = sum(shares.map((s) => s.balance));
      let voucherId: string | null = null;
      if (!amount.isZero()) {
        if (!dto.ownAccount || !dto.bankReference) {
          throw new BankingError('WITHDRAWAL_ACCOUNT_REQUIRED', `份额尚有余额 ${formatAmount(amount)}，须填写工会自有账户（ownAccount）和划款银行流水号（bankReference）`);
        }
        voucherId = await this.payOut(em, unionId, date, dto, shares, amount, actor);
      }
      await this.withdrawals.setStatus(em, unionId, 'withdrawn');
      await this.withdrawals.record(em, {
        unionId,
        date,
        reason: dto.reason,
        own: dto.ownAccount ?? null,
        bankReference: dto.bankReference ?? null,
        voucherId,
        amount,
        by: actor,
      });
      await this.audit.record(em, actor, [
        {
          unionId,
          action: 'union.withdraw',
          entityType: 'union',
          entityId: unionId,
          before: { status: union.status },
          after: { status: 'withdrawn', date, reason: dto.reason, amount: formatAmount(amount), voucherId, bankReference: dto.bankReference ?? null },
        },
      ]);
      const saved = await this.unions.findUnion(em, unionId);
      return (await this.unions.withFundingAccounts(em, [saved!]))[0];
    });
  }

  /** The payout: a new detail of 102 for the union's own account, debited with everything its shares hold. */
  private async payOut(
    em: EntityManager,
    unionId: string,
    date: string,
    dto: WithdrawUnionDto,
    shares: { account: string; balance: Decimal }[],
    amount: Decimal,
    actor: Actor,
  ): Promise<string> {
    const own = dto.ownAccount!;
    const code = await this.accounts.nextBankLeaf(em, unionId);
    await this.accounts.insertBankLeaf(em, unionId, code, `自有账户—${own.bankName} ${own.accountNo.slice(-4)}`.slice(0, 100));
    const summary = `退出集中核算，余额划入本会开户行 ${own.bankName}（尾号 ${own.accountNo.slice(-4)}）`.slice(0, 200);
    const { id } = await this.vouchers.postInTransaction(
      em,
      unionId,
      {
        date,
        red: false,
        attachmentCount: 0,
        lines: [
          { summary, accountCode: code, side: 'debit', amount, projectCode: null, fundType: null },
          ...shares.map((s) => ({ summary, accountCode: s.account, side: 'credit' as const, amount: s.balance, projectCode: null, fundType: null })),
        ],
      },
      { source: 'withdrawal', preparer: PREPARER, poster: actor },
    );
    return id;
  }
}
