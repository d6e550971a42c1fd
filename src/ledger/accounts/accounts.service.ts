import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/common.errors';
import { formatAmount } from '../../common/money/amount';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { assertChildCode } from '../domain/account-rules';
import { CLOSING_POSTED } from '../domain/closing-accounts';
import { LedgerError } from '../ledger.errors';
import { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

/**
 * The union's chart: standard accounts from the template, plus detail accounts the union adds. Postings go
 * to leaves only, so a leaf that already carries postings cannot be given children (its balance would sit
 * on a parent), and an account that was ever used is deactivated rather than deleted.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(unionId: string): Promise<Account[]> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.accounts.list(this.db.manager, unionId);
  }

  create(unionId: string, dto: CreateAccountDto, actor: Actor): Promise<Account> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const parent = await this.accounts.lock(em, unionId, dto.parentCode);
      if (!parent) throw new LedgerError('ACCOUNT_NOT_FOUND', `上级科目 ${dto.parentCode} 不存在`);
      assertChildCode(parent.code, dto.code);
      if (CLOSING_POSTED.includes(parent.code)) {
        throw new LedgerError('ACCOUNT_RESERVED_FOR_CLOSING', `科目 ${parent.code} ${parent.name} 由结账按此科目记账，不能增设下级明细科目`);
      }
      if (parent.isLeaf && (await this.accounts.isUsed(em, unionId, parent.code))) {
        throw new LedgerError(
          'ACCOUNT_HAS_POSTINGS',
          `科目 ${parent.code} ${parent.name} 已有凭证或余额，不能再增设下级明细科目`,
        );
      }
      const account = await this.accounts.insert(em, {
        unionId,
        code: dto.code,
        name: dto.name.trim(),
        category: parent.category,
        normalSide: parent.normalSide,
        parentCode: parent.code,
        level: parent.level + 1,
        isStandard: false,
        isLeaf: true,
        isActive: true,
      });
      if (parent.isLeaf) {
        parent.isLeaf = false;
        await this.accounts.save(em, parent);
      }
      await this.audit.record(em, actor, [
        { unionId, action: 'account.create', entityType: 'account', entityId: account.code, after: { code: account.code, name: account.name, parentCode: parent.code } },
      ]);
      return account;
    });
  }

  update(unionId: string, code: string, dto: UpdateAccountDto, actor: Actor): Promise<Account> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const account = await this.lockExisting(em, unionId, code);
      const before = { name: account.name, active: account.isActive };
      if (dto.name !== undefined && dto.name.trim() !== account.name) {
        if (account.isStandard) throw new LedgerError('ACCOUNT_STANDARD', '标准科目不能改名');
        account.name = dto.name.trim();
      }
      if (dto.active !== undefined && dto.active !== account.isActive) {
        if (!account.isLeaf) throw new LedgerError('ACCOUNT_NOT_LEAF', '只能停用或启用末级科目');
        if (!dto.active) {
          const balance = await this.accounts.currentBalance(em, unionId, code);
          if (!balance.isZero()) {
            throw new LedgerError('ACCOUNT_HAS_BALANCE', `科目尚有余额 ${formatAmount(balance)}，不能停用`);
          }
        }
        account.isActive = dto.active;
      }
      const saved = await this.accounts.save(em, account);
      await this.audit.record(em, actor, [
        { unionId, action: 'account.update', entityType: 'account', entityId: code, before, after: { name: saved.name, active: saved.isActive } },
      ]);
      return saved;
    });
  }

  remove(unionId: string, code: string, actor: Actor): Promise<void> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const account = await this.lockExisting(em, unionId, code);
      if (account.isStandard) throw new LedgerError('ACCOUNT_STANDARD', '标准科目不能删除');
      if (await this.accounts.hasChildren(em, unionId, code)) {
        throw new LedgerError('ACCOUNT_HAS_CHILDREN', '科目有下级明细科目，不能删除');
      }
      if (await this.accounts.isUsed(em, unionId, code)) {
        throw new LedgerError('ACCOUNT_HAS_POSTINGS', '科目已有凭证或余额，不能删除，只能停用');
      }
      const parent = (await this.accounts.lock(em, unionId, account.parentCode!))!;
      await this.accounts.remove(em, unionId, code);
      await this.audit.record(em, actor, [
        { unionId, action: 'account.delete', entityType: 'account', entityId: code, before: { code, name: account.name } },
      ]);
      if (!(await this.accounts.hasChildren(em, unionId, parent.code))) {
        parent.isLeaf = true;
        await this.accounts.save(em, parent);
      }
    });
  }

  private async lockExisting(em: Parameters<AccountsRepository['lock']>[0], unionId: string, code: string): Promise<Account> {
    const account = await this.accounts.lock(em, unionId, code);
    if (!account) throw notFound('科目', { code });
    return account;
  }
}
