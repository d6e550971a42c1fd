import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { DuesRule } from '../domain/dues.rules';

export interface BankSettings {
  centerId: string;
  dues: DuesRule;
  /** Where returned allocated funds go unless a receipt names another account: 402 (default) or 40301. */
  allocationAccount: '402' | '40301';
  /** Days either side of a statement line within which a book line of the same amount may match it. */
  matchWindowDays: number;
  updatedAt: Date | null;
}

interface Row {
  dues_ratio: string;
  dues_base_unit: string;
  dues_round_to: DuesRule['roundTo'];
  dues_rounding: DuesRule['rounding'];
  allocation_account: '402' | '40301';
  match_window_days: number;
  updated_at: Date | null;
}

/** A center's banking settings (`center_bank_settings`); a center that never saved any has the defaults. */
@Injectable()
export class BankSettingsRepository {
  async of(em: EntityManager, centerId: string): Promise<BankSettings> {
    const rows: Row[] = await em.query(`SELECT * FROM center_bank_settings WHERE center_id = $1`, [centerId]);
    const r = rows[0];
    return {
      centerId,
      dues: {
        ratio: new Decimal(r?.dues_ratio ?? '0.005'),
        baseUnit: new Decimal(r?.dues_base_unit ?? '10'),
        roundTo: r?.dues_round_to ?? 'fen',
        rounding: r?.dues_rounding ?? 'half_up',
      },
      allocationAccount: r?.allocation_account ?? '402',
      matchWindowDays: r?.match_window_days ?? 3,
      updatedAt: r?.updated_at ?? null,
    };
  }

  /** The settings of the center a union belongs to. */
  async ofUnion(em: EntityManager, unionId: string): Promise<BankSettings> {
    const [u]: { centerId: string }[] = await em.query(`SELECT center_id AS "centerId" FROM unions WHERE id = $1`, [unionId]);
    return this.of(em, u.centerId);
  }

  async save(em: EntityManager, s: BankSettings, by: string | null): Promise<void> {
    await em.query(
      `INSERT INTO center_bank_settings (center_id, dues_ratio, dues_base_unit, dues_round_to, dues_rounding, allocation_account, match_window_days, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (center_id) DO UPDATE SET dues_ratio = $2, dues_base_unit = $3, dues_round_to = $4, dues_rounding = $5,
              allocation_account = $6, match_window_days = $7, updated_by = $8, updated_at = now()`,
      [s.centerId, s.dues.ratio.toString(), s.dues.baseUnit.toFixed(2), s.dues.roundTo, s.dues.rounding, s.allocationAccount, s.matchWindowDays, by],
    );
  }
}
