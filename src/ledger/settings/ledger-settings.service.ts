import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../audit/audit.service';
import { CommonError } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { LedgerSettingsDto, LedgerSettingsResponse } from './dto/ledger-settings.dto';
import { LedgerSettings, LedgerSettingsChange, LedgerSettingsRepository } from './ledger-settings.repository';

/** A center's accounting settings: one-person reversal, the fixed-asset thresholds, the 会计主管. */
@Injectable()
export class LedgerSettingsService {
  constructor(
    private readonly db: Database,
    private readonly repo: LedgerSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(centerId: string): Promise<LedgerSettingsResponse> {
    return present(await this.repo.settings(this.db.manager, centerId));
  }

  save(centerId: string, dto: LedgerSettingsDto, actor: Actor): Promise<LedgerSettingsResponse> {
    const next: LedgerSettingsChange = {
      onePersonReversal: dto.onePersonReversal,
      generalEquipmentThreshold: new Decimal(dto.generalEquipmentThreshold),
      specialEquipmentThreshold: new Decimal(dto.specialEquipmentThreshold),
      chiefAccountant: dto.chiefAccountant?.trim() || null,
    };
    if (!next.generalEquipmentThreshold.gt(0) || !next.specialEquipmentThreshold.gt(0)) {
      throw new CommonError('VALIDATION_FAILED', '固定资产起点金额须大于零');
    }
    return this.db.transaction(async (em) => {
      const before = await this.repo.settings(em, centerId);
      await this.repo.save(em, centerId, next, actor.id);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'ledger.settings', entityType: 'center', entityId: centerId, before: auditOf(before), after: auditOf(next) },
      ]);
      return present(await this.repo.settings(em, centerId));
    });
  }
}

function auditOf(s: LedgerSettingsChange) {
  return {
    onePersonReversal: s.onePersonReversal,
    generalEquipmentThreshold: s.generalEquipmentThreshold.toFixed(2),
    specialEquipmentThreshold: s.specialEquipmentThreshold.toFixed(2),
    chiefAccountant: s.chiefAccountant,
  };
}

function present(s: LedgerSettings): LedgerSettingsResponse {
  return { centerId: s.centerId, ...auditOf(s), updatedAt: s.updatedAt?.toISOString() ?? null };
}
