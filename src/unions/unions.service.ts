import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../common/errors/common.errors';
import { Page } from '../common/http/pagination.dto';
import { parsePeriod } from '../common/period';
import { AuditService } from '../audit/audit.service';
import { reach } from '../auth/permissions';
import { Principal } from '../auth/principal';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { Center } from './center.entity';
import { CreateCenterDto } from './dto/center.dto';
import { CreateUnionDto, ListUnionsQuery, UpdateUnionDto } from './dto/union.dto';
import { Union, UnionStatus } from './union.entity';
import { UnionError } from './unions.errors';
import { UnionsRepository, UnionView } from './unions.repository';

/** Withdrawal (退出集中核算) pays the union's share out first: see banking/withdrawal. */
const TRANSITIONS: Record<string, { from: UnionStatus[]; to: UnionStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
};
export type UnionTransition = keyof typeof TRANSITIONS;
const STATUS_LABEL: Record<string, string> = { active: '正常', suspended: '暂停', withdrawn: '已退出' };
const ACTION_LABEL: Record<string, string> = { suspend: '暂停', resume: '恢复' };

@Injectable()
export class UnionsService {
  constructor(
    private readonly db: Database,
    private readonly unions: UnionsRepository,
    private readonly audit: AuditService,
  ) {}

  /** A new center comes with its first pooled bank account (统一账户), to be registered by its director. */
  createCenter(dto: CreateCenterDto, actor: Actor): Promise<Center> {
    return this.db.transaction(async (em) => {
      const bankAccountId = uuidv7();
      const center = await this.unions.insertCenter(em, { id: uuidv7(), ...dto }, bankAccountId);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'center.create', entityType: 'center', entityId: center.id, after: { ...dto, bankAccountId } },
      ]);
      return center;
    });
  }

  /** The centers the user has any grant in (all of them for the system administrator). */
  listCenters(principal: Principal): Promise<Center[]> {
    const grants = principal.grants;
    const scope = {
      all: grants.some((g) => g.role === 'system_admin'),
      centerIds: grants.flatMap((g) => (g.centerId ? [g.centerId] : [])),
      unionIds: grants.flatMap((g) => (g.unionId ? [g.unionId] : [])),
    };
    return this.unions.listCenters(this.db.manager, scope);
  }

  /** A new union comes with its standard chart and its share of a pooled bank account (10201). */
  createUnion(dto: CreateUnionDto, actor: Actor, principal: Principal): Promise<UnionView> {
    const scope = reach(principal.grants, 'unions:manage');
    if (!scope.all && !scope.centerIds.includes(dto.centerId)) {
      // a center the user does not manage reads like one that does not exist
      throw new UnionError('CENTER_NOT_FOUND', '核算中心不存在或不在您的管理范围内');
    }
    return this.db.transaction(async (em) => {
      const union = await this.unions.insertUnion(em, {
        id: uuidv7(),
        centerId: dto.centerId,
        code: dto.code,
        name: dto.name,
        chartTemplate: dto.chartTemplate,
        firstPeriod: parsePeriod(dto.firstPeriod),
        voucherNumbering: dto.voucherNumbering ?? 'general',
        agreementNumber: dto.agreementNumber ?? null,
        agreementDate: dto.agreementDate ?? null,
      });
      const bankAccountId = await this.unions.pooledAccountFor(em, dto.centerId, dto.bankAccountId);
      if (!bankAccountId) {
        throw new UnionError('NO_POOLED_ACCOUNT', dto.bankAccountId ? '所选统一账户不存在、已销户或不属于本中心' : '本中心没有启用中的默认统一账户，请先登记');
      }
      await this.unions.installChart(em, union, bankAccountId);
      await this.audit.record(em, actor, [
        { unionId: union.id, action: 'union.create', entityType: 'union', entityId: union.id, after: { ...dto, bankAccountId } },
      ]);
      return (await this.unions.withFundingAccounts(em, [union]))[0];
    });
  }

  async listUnions(query: ListUnionsQuery, principal: Principal): Promise<Page<UnionView>> {
    const page = await this.unions.listUnions(this.db.manager, query, reach(principal.grants, 'unions:read'));
    return { ...page, items: await this.unions.withFundingAccounts(this.db.manager, page.items) };
  }

  async getUnion(unionId: string): Promise<UnionView> {
    const union = await this.unions.findUnion(this.db.manager, unionId);
    if (!union) throw notFound('工会', { unionId });
    return (await this.unions.withFundingAccounts(this.db.manager, [union]))[0];
  }

  /**
   * A change of numbering scheme holds the union's posting lock (taken before the union row, in the order
   * postings take their locks), so no posting is in flight while it checks that none has been made; the
   * database refuses a posting that then arrives with a type of the old scheme.
   */
  updateUnion(unionId: string, dto: UpdateUnionDto, actor: Actor): Promise<UnionView> {
    return this.db.transaction(async (em) => {
      if (dto.voucherNumbering) await this.unions.lockPosting(em, unionId);
      const union = await this.lockWritable(em, unionId);
      const before = settings(union);
      if (dto.voucherNumbering && dto.voucherNumbering !== union.voucherNumbering) {
        if (await this.unions.hasPostedVouchers(em, unionId)) {
          throw new UnionError('UNION_BOOKS_STARTED', '已有过账凭证，不能再更改凭证编号方式');
        }
        union.voucherNumbering = dto.voucherNumbering;
      }
      if (dto.name !== undefined) union.name = dto.name;
      if (dto.agreementNumber !== undefined) union.agreementNumber = dto.agreementNumber;
      if (dto.agreementDate !== undefined) union.agreementDate = dto.agreementDate;
      const saved = await this.unions.saveUnion(em, union);
      await this.audit.record(em, actor, [{ unionId, action: 'union.update', entityType: 'union', entityId: unionId, before, after: settings(saved) }]);
      return (await this.unions.withFundingAccounts(em, [saved]))[0];
    });
  }

  /**
   * suspend ⇄ resume. A suspended union's books are read-only in the database; the change is made under the
   * union's locks, so a posting either commits before it or is refused after it.
   */
  transition(unionId: string, action: UnionTransition, actor: Actor): Promise<UnionView> {
    return this.db.transaction(async (em) => {
      const union = await this.unions.lockUnionBooks(em, unionId);
      if (!union) throw notFound('工会', { unionId });
      const rule = TRANSITIONS[action];
      if (!rule.from.includes(union.status)) {
        throw new UnionError('UNION_STATUS_TRANSITION', `工会当前状态为“${STATUS_LABEL[union.status] ?? union.status}”，不能${ACTION_LABEL[action] ?? action}`, {
          status: union.status,
          action,
        });
      }
      const before = union.status;
      union.status = rule.to;
      const saved = await this.unions.saveUnion(em, union);
      await this.audit.record(em, actor, [
        { unionId, action: `union.${action}`, entityType: 'union', entityId: unionId, before: { status: before }, after: { status: rule.to } },
      ]);
      return (await this.unions.withFundingAccounts(em, [saved]))[0];
    });
  }

  private async lockWritable(em: Parameters<UnionsRepository['lockUnion']>[0], unionId: string): Promise<Union> {
    const union = await this.unions.lockUnion(em, unionId);
    if (!union) throw notFound('工会', { unionId });
    if (union.status === 'withdrawn') throw withdrawn();
    return union;
  }
}

function settings(u: Union) {
  return { name: u.name, voucherNumbering: u.voucherNumbering, agreementNumber: u.agreementNumber, agreementDate: u.agreementDate };
}

export function withdrawn(): UnionError {
  return new UnionError('UNION_WITHDRAWN', '该工会已退出集中核算，账簿只读');
}

export function suspended(): UnionError {
  return new UnionError('UNION_SUSPENDED', '该工会已暂停集中核算，账簿只读；恢复后才能记账');
}
