import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { formatAmount, sum } from '../../common/money/amount';
import { Database } from '../../database/database.service';
import { LedgerClock } from '../../ledger/ledger.clock';
import { BankingError } from '../banking.errors';
import { BankAccount, BankAccountsRepository, ShareRow } from './bank-accounts.repository';
import { BankAccountResponse, CreateBankAccountDto, OpenShareDto, PositionResponse, UpdateBankAccountDto } from './dto/bank-account.dto';
import { StatementBalances } from './statement-balances';

/**
 * 统一账户: a center registers its pooled bank accounts; each union keeps its money in one (or more) of
 * them as a share — a leaf under 102 in its own books, mapped to the account. The pooled account's book
 * balance is the sum of the shares (brief §6.2).
 */
@Injectable()
export class BankAccountsService {
  constructor(
    private readonly db: Database,
    private readonly accounts: BankAccountsRepository,
    private readonly statements: StatementBalances,
    private readonly audit: AuditService,
    private readonly clock: LedgerClock,
  ) {}

  async list(centerId: string): Promise<BankAccountResponse[]> {
    const em = this.db.manager;
    const [accounts, totals] = [await this.accounts.list(em, centerId), await this.accounts.totals(em, centerId)];
    return accounts.map((a) => present(a, totals.get(a.id)));
  }

  async get(centerId: string, id: string): Promise<BankAccountResponse> {
    const em = this.db.manager;
    const account = await this.require(em, centerId, id);
    return present(account, (await this.accounts.totals(em, centerId)).get(id));
  }

  create(centerId: string, dto: CreateBankAccountDto, actor: Actor): Promise<BankAccountResponse> {
    return this.db.transaction(async (em) => {
      const id = uuidv7();
      if (dto.isDefault) await this.accounts.clearDefault(em, centerId);
      await this.accounts.insert(em, {
        centerId,
        id,
        bankName: dto.bankName,
        branch: dto.branch ?? null,
        accountNo: dto.accountNo,
        accountName: dto.accountName,
        openedOn: dto.openedOn,
        openingBalance: new Decimal(dto.openingBalance),
        status: 'active',
        isDefault: dto.isDefault ?? false,
      });
      await this.audit.record(em, actor, [{ unionId: null, action: 'bank-account.create', entityType: 'bank-account', entityId: id, after: { centerId, ...dto } }]);
      return present((await this.accounts.find(em, centerId, id))!, undefined);
    });
  }

  /**
   * Names may change any time; the account number, opening date and opening balance only until the first
   * statement is imported (reconciliation starts from them). Closing needs every share at zero, nothing
   * reserved, and another default account.
   */
  update(centerId: string, id: string, dto: UpdateBankAccountDto, actor: Actor): Promise<BankAccountResponse> {
    return this.db.transaction(async (em) => {
      const account = await this.require(em, centerId, id, true);
      const before = snapshot(account);
      const anchored = dto.accountNo != null || dto.openedOn != null || dto.openingBalance != null;
      if (anchored && (await this.statements.hasLines(em, centerId, id))) {
        throw new BankingError('BANK_ACCOUNT_LOCKED', '已导入银行对账单，账号、开户日期和期初余额不能再修改');
      }
      const next: BankAccount = {
        ...account,
        bankName: dto.bankName ?? account.bankName,
        branch: dto.branch ?? account.branch,
        accountNo: dto.accountNo ?? account.accountNo,
        accountName: dto.accountName ?? account.accountName,
        openedOn: dto.openedOn ?? account.openedOn,
        openingBalance: dto.openingBalance != null ? new Decimal(dto.openingBalance) : account.openingBalance,
        status: dto.status ?? account.status,
      };
      if ((next.openedOn === null) !== (next.openingBalance === null)) {
        throw new BankingError('BANK_ACCOUNT_NOT_REGISTERED', '开户日期和期初余额须一同登记');
      }
      if (next.status === 'closed' && account.status === 'active') await this.checkClosable(em, account);
      if (dto.isDefault === true && !account.isDefault) {
        if (next.status !== 'active') throw new BankingError('BANK_ACCOUNT_CLOSED', '已销户的统一账户不能设为默认');
        await this.accounts.clearDefault(em, centerId);
        next.isDefault = true;
      } else if (dto.isDefault === false && account.isDefault) {
        throw new BankingError('BANK_ACCOUNT_DEFAULT', '请把另一个统一账户设为默认，本账户即不再是默认账户');
      }
      await this.accounts.update(em, next);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'bank-account.update', entityType: 'bank-account', entityId: id, before, after: snapshot(next) },
      ]);
      return present((await this.accounts.find(em, centerId, id))!, (await this.accounts.totals(em, centerId)).get(id));
    });
  }

  async shares(centerId: string, id: string): Promise<ShareRow[]> {
    await this.require(this.db.manager, centerId, id);
    return this.accounts.shares(this.db.manager, centerId, id);
  }

  /**
   * Gives a union of the center a share of this account: a new detail of 102 in its books (10202, …),
   * mapped here; or, when it has one already, makes it the union's default share.
   */
  openShare(centerId: string, id: string, dto: OpenShareDto, actor: Actor): Promise<ShareRow> {
    return this.db.transaction(async (em) => {
      const account = await this.require(em, centerId, id);
      if (account.status !== 'active') throw new BankingError('BANK_ACCOUNT_CLOSED', '该统一账户已销户');
      const union = await this.accounts.unionOfCenter(em, centerId, dto.unionId);
      if (!union) throw notFound('工会', { unionId: dto.unionId });
      const existing = (await this.accounts.unionShares(em, dto.unionId)).find((s) => s.bankAccountId === id);
      let code = existing?.account;
      if (existing && !dto.isDefault) throw new BankingError('BANK_SHARE_EXISTS', `该工会在此统一账户已有份额（${existing.account}）`);
      if (!code) {
        code = await this.accounts.nextBankLeaf(em, dto.unionId);
        await this.accounts.insertBankLeaf(em, dto.unionId, code, `集中核算户—${account.bankName ?? '统一账户'}`.slice(0, 100));
        await this.accounts.insertShare(em, { unionId: dto.unionId, account: code, centerId, bankAccountId: id });
      }
      if (dto.isDefault) await this.accounts.makeDefaultShare(em, dto.unionId, code);
      await this.audit.record(em, actor, [
        { unionId: dto.unionId, action: existing ? 'bank-share.default' : 'bank-share.open', entityType: 'bank-share', entityId: code, after: { bankAccountId: id, account: code, isDefault: dto.isDefault ?? false } },
      ]);
      return (await this.accounts.shares(em, centerId, id)).find((s) => s.unionId === dto.unionId && s.account === code)!;
    });
  }

  /** Per union and in total at the end of a date: share balance, reserved, available; and the bank's own figure. */
  async position(centerId: string, id: string, date: string | undefined): Promise<PositionResponse> {
    const em = this.db.manager;
    await this.require(em, centerId, id);
    const at = date ?? this.clock.today();
    const rows = await this.accounts.position(em, centerId, id, at, this.clock.zone);
    const balance = sum(rows.map((r) => r.balance));
    const reserved = sum(rows.map((r) => r.reserved));
    const statement = await this.statements.balanceAt(em, centerId, id, at);
    return {
      bankAccountId: id,
      date: at,
      unions: rows.map((r) => ({
        ...r,
        balance: formatAmount(r.balance),
        reserved: formatAmount(r.reserved),
        available: formatAmount(r.balance.minus(r.reserved)),
      })),
      total: { balance: formatAmount(balance), reserved: formatAmount(reserved), available: formatAmount(balance.minus(reserved)) },
      bookBalance: formatAmount(balance),
      statement: statement && { date: statement.date, balance: formatAmount(statement.balance) },
    };
  }

  async require(em: EntityManager, centerId: string, id: string, lock = false): Promise<BankAccount> {
    const account = await this.accounts.find(em, centerId, id, { lock });
    if (!account) throw notFound('统一账户', { bankAccountId: id });
    return account;
  }

  private async checkClosable(em: EntityManager, account: BankAccount): Promise<void> {
    if (account.isDefault) throw new BankingError('BANK_ACCOUNT_DEFAULT', '默认统一账户不能销户，请先把另一个账户设为默认');
    const total = (await this.accounts.totals(em, account.centerId)).get(account.id);
    if (total && !total.balance.isZero()) {
      throw new BankingError('BANK_ACCOUNT_HAS_BALANCE', `各工会在该账户的份额合计尚有余额 ${formatAmount(total.balance)}，不能销户`);
    }
    if ((await this.accounts.openReservations(em, account.centerId, account.id)) > 0) {
      throw new BankingError('BANK_ACCOUNT_HAS_BALANCE', '该账户尚有已批准未支付的报销预留，不能销户');
    }
  }
}

function snapshot(a: BankAccount) {
  return {
    bankName: a.bankName,
    branch: a.branch,
    accountNo: a.accountNo,
    accountName: a.accountName,
    openedOn: a.openedOn,
    openingBalance: a.openingBalance?.toFixed(2) ?? null,
    status: a.status,
    isDefault: a.isDefault,
  };
}

function present(a: BankAccount, totals: { shares: number; balance: Decimal } | undefined): BankAccountResponse {
  return {
    id: a.id,
    centerId: a.centerId,
    bankName: a.bankName,
    branch: a.branch,
    accountNo: a.accountNo,
    accountName: a.accountName,
    openedOn: a.openedOn,
    openingBalance: a.openingBalance === null ? null : formatAmount(a.openingBalance),
    registered: a.openedOn !== null,
    status: a.status,
    isDefault: a.isDefault,
    shares: totals?.shares ?? 0,
    bookBalance: formatAmount(totals?.balance ?? 0),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
