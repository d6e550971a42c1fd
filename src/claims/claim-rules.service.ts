import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { PrincipalsService } from '../auth/principals.service';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { ClaimError } from './claims.errors';
import { ClaimHeader, ClaimsRepository } from './claims.repository';
import { BudgetsService, figuresOf } from '../budgets/budgets.service';
import { ClaimSettings, ClaimSettingsRepository, StoredRuleSet } from './claim-settings.repository';
import { evaluateClaim, parseRuleSet } from './domain/compliance.rules';
import { DEFAULT_RULE_SET, RULE_PRESETS } from './domain/rule-presets';
import { DocumentKind } from './domain/claim-kinds';
import { ClaimFacts, ComplianceReport, RuleSetRef } from './domain/rule-set';
import { ClaimSettingsDto, CreateRuleSetDto } from './dto/claim-settings.dto';

/**
 * A center's claim settings and compliance rule sets, and the evaluation of a claim against the set in
 * force on its event date (the built-in default where the center has none yet).
 */
@Injectable()
export class ClaimRulesService {
  constructor(
    private readonly db: Database,
    private readonly settingsRepo: ClaimSettingsRepository,
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
    private readonly principals: PrincipalsService,
    private readonly budgets: BudgetsService,
  ) {}

  settings(centerId: string): Promise<ClaimSettings> {
    return this.settingsRepo.settings(this.db.manager, centerId);
  }

  /** The settings of the union's center. */
  async settingsOf(em: EntityManager, unionId: string): Promise<ClaimSettings> {
    return this.settingsRepo.settings(em, await this.centerOf(unionId));
  }

  saveSettings(centerId: string, dto: ClaimSettingsDto, actor: Actor): Promise<ClaimSettings> {
    return this.db.transaction(async (em) => {
      const before = await this.settingsRepo.settings(em, centerId);
      const next = {
        committeeThreshold: new Decimal(dto.committeeThreshold),
        cashLimit: new Decimal(dto.cashLimit),
        allowCashAboveLimit: dto.allowCashAboveLimit,
        pooledBankName: dto.pooledBankName ?? null,
        pooledAccountName: dto.pooledAccountName ?? null,
        pooledAccountNo: dto.pooledAccountNo ?? null,
      };
      await this.settingsRepo.saveSettings(em, centerId, next, actor.id);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'claims.settings', entityType: 'center', entityId: centerId, before: settingsAudit(before), after: settingsAudit(next) },
      ]);
      return this.settingsRepo.settings(em, centerId);
    });
  }

  /** A new rule set from a preset or from the center's own JSON; never edited once saved. */
  createRuleSet(centerId: string, dto: CreateRuleSetDto, actor: Actor): Promise<StoredRuleSet> {
    if ((dto.preset === undefined) === (dto.rules === undefined)) {
      throw new ClaimError('RULE_SET_INVALID', '请选择一个预置规则（preset）或填写规则内容（rules），二者只能选一');
    }
    const preset = dto.preset ? RULE_PRESETS.find((p) => p.id === dto.preset) : undefined;
    const body = parseRuleSet(preset ? structuredClone(preset.body) : dto.rules);
    return this.db.transaction(async (em) => {
      const id = uuidv7();
      await this.settingsRepo.insertRuleSet(em, centerId, { id, name: dto.name, effectiveFrom: dto.effectiveFrom, preset: dto.preset ?? null, body, createdBy: actor.id });
      await this.audit.record(em, actor, [
        { unionId: null, action: 'claims.rule-set.create', entityType: 'claim_rule_set', entityId: id, after: { centerId, name: dto.name, effectiveFrom: dto.effectiveFrom, preset: dto.preset ?? null, body } },
      ]);
      const [stored] = (await this.settingsRepo.listRuleSets(em, centerId)).filter((r) => r.id === id);
      return stored;
    });
  }

  listRuleSets(centerId: string): Promise<StoredRuleSet[]> {
    return this.settingsRepo.listRuleSets(this.db.manager, centerId);
  }

  /** A union's center never changes: the guard's cached scope answers. */
  private async centerOf(unionId: string): Promise<string> {
    return (await this.principals.unionScope(unionId))!.centerId;
  }

  presets() {
    return { default: DEFAULT_RULE_SET, presets: RULE_PRESETS };
  }

  async ruleSetOn(em: EntityManager, centerId: string, date: string): Promise<RuleSetRef> {
    const stored = await this.settingsRepo.ruleSetOn(em, centerId, date);
    return stored ? { id: stored.id, name: stored.name, effectiveFrom: stored.effectiveFrom, body: stored.body } : DEFAULT_RULE_SET;
  }

  /**
   * A command's check (submission, review): under the union's claim-rules lock, so the member-year figures
   * hold until it commits; refused with every failed rule cited, the report in the details.
   */
  async requirePassing(em: EntityManager, claim: ClaimHeader, refusal: string): Promise<ComplianceReport> {
    await this.claims.lockRules(em, claim.unionId);
    const report = await this.evaluate(em, claim);
    if (!report.passed) {
      const failed = report.results.filter((r) => !r.passed);
      throw new ClaimError('CLAIM_RULES_FAILED', `${refusal}：${failed.map((r) => r.message).join('；')}`, { compliance: report });
    }
    return report;
  }

  /**
   * Every rule that applies to the claim as it stands (its beneficiaries and documents read here unless the
   * caller has them already), with the member-year figures from the union's other
   * live claims. Inside a command the caller holds the union's claim-rules lock, so the figures hold.
   */
  async evaluate(
    em: EntityManager,
    claim: ClaimHeader,
    loaded?: { beneficiaries: ClaimFacts['beneficiaries']; documents: DocumentKind[] },
  ): Promise<ComplianceReport> {
    const centerId = await this.centerOf(claim.unionId);
    const ruleSet = await this.ruleSetOn(em, centerId, claim.eventDate);
    const settings = await this.settingsRepo.settings(em, centerId);
    const beneficiaries = loaded?.beneficiaries ?? (await this.claims.beneficiaries(em, claim.unionId, claim.id));
    const documents = loaded?.documents ?? (await this.claims.documentKinds(em, claim.unionId, claim.id));
    const members = beneficiaries.map((b) => b.member);
    const yearToDate = new Map<number, Map<string, Decimal>>();
    for (const [index, cap] of ruleSet.body.caps.entries()) {
      const applies = cap.kind === claim.kind && (!cap.occasion || cap.occasion === claim.occasion);
      if (!applies || cap.basis !== 'member-year' || members.length === 0) continue;
      yearToDate.set(
        index,
        await this.claims.yearToDate(em, claim.unionId, {
          kind: cap.kind,
          occasion: cap.occasion ?? null,
          year: Number(claim.eventDate.slice(0, 4)),
          members,
          excludeClaimId: claim.id,
        }),
      );
    }
    const report = evaluateClaim(
      { kind: claim.kind, occasion: claim.occasion, eventDate: claim.eventDate, amount: claim.amount, beneficiaries, documents, payee: claim.payeeKind },
      ruleSet,
      yearToDate,
      { cashLimit: settings.cashLimit, allowCashAboveLimit: settings.allowCashAboveLimit },
    );
    return this.withBudget(em, claim, report);
  }

  /**
   * The budget, where the center controls it, as one more result for whoever decides next: a warning under
   * "warn"; under "block" a failed result that approval and review refuse with 409 BUDGET_EXCEEDED (not the
   * rules' 422), so it never counts against `passed` here — submission is not a budget decision.
   */
  private async withBudget(em: EntityManager, claim: ClaimHeader, report: ComplianceReport): Promise<ComplianceReport> {
    const control = await this.budgets.controlOf(em, claim.unionId);
    if (control === 'off') return report;
    const check = await this.budgets.checkClaim(em, claim, control, { lock: false });
    const results = [
      ...report.results,
      { rule: 'budget', title: '预算控制', passed: !check.exceeded, message: check.message, details: figuresOf(check), ...(control === 'warn' ? { advisory: true } : {}) },
    ];
    return { ...report, results, passed: results.every((r) => r.passed || r.advisory || r.rule === 'budget') };
  }
}

function settingsAudit(s: Pick<ClaimSettings, 'committeeThreshold' | 'cashLimit' | 'allowCashAboveLimit' | 'pooledAccountNo'>) {
  return {
    committeeThreshold: s.committeeThreshold.toFixed(2),
    cashLimit: s.cashLimit.toFixed(2),
    allowCashAboveLimit: s.allowCashAboveLimit,
    pooledAccountNo: s.pooledAccountNo,
  };
}
