import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { RuleSetBody } from './domain/rule-set';

export interface ClaimSettings {
  centerId: string;
  committeeThreshold: Decimal;
  cashLimit: Decimal;
  allowCashAboveLimit: boolean;
  pooledBankName: string | null;
  pooledAccountName: string | null;
  pooledAccountNo: string | null;
  updatedAt: Date | null;
}

export interface StoredRuleSet {
  centerId: string;
  id: string;
  name: string;
  effectiveFrom: string;
  preset: string | null;
  body: RuleSetBody;
  createdBy: string | null;
  createdAt: Date;
}

/** Defaults when a center has saved none: 集体研究 above 5,000.00; cash up to the 1,000.00 settlement threshold. */
export const DEFAULT_SETTINGS = { committeeThreshold: '5000.00', cashLimit: '1000.00', allowCashAboveLimit: false } as const;

const SELECT_RULE_SET = `SELECT center_id AS "centerId", id, name, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", preset, body,
    created_by AS "createdBy", created_at AS "createdAt" FROM claim_rule_sets`;

/** A center's claim settings and its compliance rule sets (center-level tables; every method names the center). */
@Injectable()
export class ClaimSettingsRepository {
  async settings(em: EntityManager, centerId: string): Promise<ClaimSettings> {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT committee_threshold, cash_limit, allow_cash_above_limit, pooled_bank_name, pooled_account_name, pooled_account_no, updated_at
         FROM center_claim_settings WHERE center_id = $1`,
      [centerId],
    );
    const r = rows[0];
    return {
      centerId,
      committeeThreshold: new Decimal((r?.committee_threshold as string) ?? DEFAULT_SETTINGS.committeeThreshold),
      cashLimit: new Decimal((r?.cash_limit as string) ?? DEFAULT_SETTINGS.cashLimit),
      allowCashAboveLimit: (r?.allow_cash_above_limit as boolean) ?? DEFAULT_SETTINGS.allowCashAboveLimit,
      pooledBankName: (r?.pooled_bank_name as string) ?? null,
      pooledAccountName: (r?.pooled_account_name as string) ?? null,
      pooledAccountNo: (r?.pooled_account_no as string) ?? null,
      updatedAt: (r?.updated_at as Date) ?? null,
    };
  }

  async saveSettings(em: EntityManager, centerId: string, s: Omit<ClaimSettings, 'centerId' | 'updatedAt'>, by: string | null): Promise<void> {
    await em.query(
      `INSERT INTO center_claim_settings (center_id, committee_threshold, cash_limit, allow_cash_above_limit, pooled_bank_name,
          pooled_account_name, pooled_account_no, updated_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (center_id) DO UPDATE SET committee_threshold = EXCLUDED.committee_threshold, cash_limit = EXCLUDED.cash_limit,
          allow_cash_above_limit = EXCLUDED.allow_cash_above_limit, pooled_bank_name = EXCLUDED.pooled_bank_name,
          pooled_account_name = EXCLUDED.pooled_account_name, pooled_account_no = EXCLUDED.pooled_account_no,
          updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [centerId, s.committeeThreshold.toFixed(2), s.cashLimit.toFixed(2), s.allowCashAboveLimit, s.pooledBankName, s.pooledAccountName, s.pooledAccountNo, by],
    );
  }

  async insertRuleSet(em: EntityManager, centerId: string, r: Omit<StoredRuleSet, 'centerId' | 'createdAt'>): Promise<void> {
    await em.query(
      `INSERT INTO claim_rule_sets (center_id, id, name, effective_from, preset, body, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [centerId, r.id, r.name, r.effectiveFrom, r.preset, JSON.stringify(r.body), r.createdBy],
    );
  }

  listRuleSets(em: EntityManager, centerId: string): Promise<StoredRuleSet[]> {
    return em.query(`${SELECT_RULE_SET} WHERE center_id = $1 ORDER BY effective_from DESC`, [centerId]);
  }

  /** The set in force on a date: the latest that took effect on or before it. */
  async ruleSetOn(em: EntityManager, centerId: string, date: string): Promise<StoredRuleSet | null> {
    const rows: StoredRuleSet[] = await em.query(
      `${SELECT_RULE_SET} WHERE center_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`,
      [centerId, date],
    );
    return rows[0] ?? null;
  }
}
