import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';

export interface LedgerSettings {
  centerId: string;
  onePersonReversal: boolean;
  generalEquipmentThreshold: Decimal;
  specialEquipmentThreshold: Decimal;
  chiefAccountant: string | null;
  updatedAt: Date | null;
}

export type LedgerSettingsChange = Omit<LedgerSettings, 'centerId' | 'updatedAt'>;

/** Where a center has saved nothing: no one-person reversal; 第三十二条's 1,000 / 1,500 yuan. */
export const DEFAULT_LEDGER_SETTINGS = { onePersonReversal: false, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' } as const;

const SELECT = `SELECT one_person_reversal AS "onePersonReversal", general_equipment_threshold AS "general",
    special_equipment_threshold AS "special", chief_accountant AS "chiefAccountant", updated_at AS "updatedAt"
  FROM center_ledger_settings s`;

/** A center's accounting settings (a center-level table: every method names the center, or the union whose center it is). */
@Injectable()
export class LedgerSettingsRepository {
  async settings(em: EntityManager, centerId: string): Promise<LedgerSettings> {
    const rows: Row[] = await em.query(`${SELECT} WHERE s.center_id = $1`, [centerId]);
    return settingsOf(centerId, rows[0]);
  }

  /** The settings of the center that keeps this union's books. */
  async settingsOfUnion(em: EntityManager, unionId: string): Promise<LedgerSettings> {
    const rows: (Row & { centerId: string })[] = await em.query(
      `SELECT u.center_id AS "centerId", x.* FROM unions u LEFT JOIN LATERAL (${SELECT} WHERE s.center_id = u.center_id) x ON true WHERE u.id = $1`,
      [unionId],
    );
    return settingsOf(rows[0]?.centerId ?? '', rows[0]);
  }

  async save(em: EntityManager, centerId: string, s: LedgerSettingsChange, by: string | null): Promise<void> {
    await em.query(
      `INSERT INTO center_ledger_settings (center_id, one_person_reversal, general_equipment_threshold, special_equipment_threshold,
          chief_accountant, updated_by)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (center_id) DO UPDATE SET one_person_reversal = EXCLUDED.one_person_reversal,
          general_equipment_threshold = EXCLUDED.general_equipment_threshold,
          special_equipment_threshold = EXCLUDED.special_equipment_threshold,
          chief_accountant = EXCLUDED.chief_accountant, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [centerId, s.onePersonReversal, s.generalEquipmentThreshold.toFixed(2), s.specialEquipmentThreshold.toFixed(2), s.chiefAccountant, by],
    );
  }
}

interface Row {
  onePersonReversal: boolean;
  general: string;
  special: string;
  chiefAccountant: string | null;
  updatedAt: Date | null;
}

/** A row (or the nulls of a missing one) with the defaults filled in. */
function settingsOf(centerId: string, r: Partial<Row> | undefined): LedgerSettings {
  return {
    centerId,
    onePersonReversal: r?.onePersonReversal ?? DEFAULT_LEDGER_SETTINGS.onePersonReversal,
    generalEquipmentThreshold: new Decimal(r?.general ?? DEFAULT_LEDGER_SETTINGS.generalEquipmentThreshold),
    specialEquipmentThreshold: new Decimal(r?.special ?? DEFAULT_LEDGER_SETTINGS.specialEquipmentThreshold),
    chiefAccountant: r?.chiefAccountant ?? null,
    updatedAt: r?.updatedAt ?? null,
  };
}
