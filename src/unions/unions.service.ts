import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../common/errors/common.errors';
import { Page } from '../common/http/pagination.dto';
import { parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { Center } from './center.entity';
import { CreateCenterDto } from './dto/center.dto';
import { CreateUnionDto, ListUnionsQuery, UpdateUnionDto } from './dto/union.dto';
import { Union, UnionStatus } from './union.entity';
import { UnionError } from './unions.errors';
import { UnionsRepository } from './unions.repository';

const TRANSITIONS: Record<string, { from: UnionStatus[]; to: UnionStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  withdraw: { from: ['active', 'suspended'], to: 'withdrawn' },
};
export type UnionTransition = keyof typeof TRANSITIONS;

@Injectable()
export class UnionsService {
  constructor(
    private readonly db: Database,
    private readonly unions: UnionsRepository,
  ) {}

  createCenter(dto: CreateCenterDto): Promise<Center> {
    return this.db.transaction((em) => this.unions.insertCenter(em, { id: uuidv7(), ...dto }));
  }

  listCenters(): Promise<Center[]> {
    return this.unions.listCenters(this.db.manager);
  }

  /** A new union comes with its standard chart and its share of the pooled bank account (10201). */
  createUnion(dto: CreateUnionDto): Promise<Union> {
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
      await this.unions.installChart(em, union.id, dto.chartTemplate);
      return union;
    });
  }

  listUnions(query: ListUnionsQuery): Promise<Page<Union>> {
    return this.unions.listUnions(this.db.manager, query);
  }

  async getUnion(unionId: string): Promise<Union> {
    const union = await this.unions.findUnion(this.db.manager, unionId);
    if (!union) throw notFound('工会', { unionId });
    return union;
  }

  updateUnion(unionId: string, dto: UpdateUnionDto): Promise<Union> {
    return this.db.transaction(async (em) => {
      const union = await this.lockWritable(em, unionId);
      if (dto.voucherNumbering && dto.voucherNumbering !== union.voucherNumbering) {
        if (await this.unions.hasPostedVouchers(em, unionId)) {
          throw new UnionError('UNION_BOOKS_STARTED', '已有过账凭证，不能再更改凭证编号方式');
        }
        union.voucherNumbering = dto.voucherNumbering;
      }
      if (dto.name !== undefined) union.name = dto.name;
      if (dto.agreementNumber !== undefined) union.agreementNumber = dto.agreementNumber;
      if (dto.agreementDate !== undefined) union.agreementDate = dto.agreementDate;
      return this.unions.saveUnion(em, union);
    });
  }

  /** suspend ⇄ resume; withdraw is final and leaves the books read-only. */
  transition(unionId: string, action: UnionTransition): Promise<Union> {
    return this.db.transaction(async (em) => {
      const union = await this.unions.lockUnion(em, unionId);
      if (!union) throw notFound('工会', { unionId });
      const rule = TRANSITIONS[action];
      if (!rule.from.includes(union.status)) {
        throw new UnionError('UNION_STATUS_TRANSITION', `工会当前状态为 ${union.status}，不能执行 ${action}`, {
          status: union.status,
          action,
        });
      }
      union.status = rule.to;
      return this.unions.saveUnion(em, union);
    });
  }

  private async lockWritable(em: Parameters<UnionsRepository['lockUnion']>[0], unionId: string): Promise<Union> {
    const union = await this.unions.lockUnion(em, unionId);
    if (!union) throw notFound('工会', { unionId });
    if (union.status === 'withdrawn') throw withdrawn();
    return union;
  }
}

export function withdrawn(): UnionError {
  return new UnionError('UNION_WITHDRAWN', '该工会已撤销委托，账簿只读');
}
