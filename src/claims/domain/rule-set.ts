import Decimal from 'decimal.js';
import { ClaimKind, DocumentKind, Occasion } from './claim-kinds';

/**
 * A center's compliance rules (报销审核规则), stored as JSON with an effective date. Amounts are decimal
 * strings as on the wire. The shape is validated by `parseRuleSet` before it is stored.
 */
export interface RuleSetBody {
  /** Kinds that are never reimbursed (八不准). */
  prohibitedKinds: ClaimKind[];
  /**
   * Per-person caps. `member-year`: what one member receives of this kind (and occasion, when given) in a
   * calendar year, summed over every live claim; `event`: what one member receives in one claim.
   */
  caps: CapRule[];
  /** Documents every claim of a kind must carry before it is submitted. */
  requiredDocuments: DocumentRule[];
}

export interface CapRule {
  kind: ClaimKind;
  occasion?: Occasion;
  basis: 'member-year' | 'event';
  amount: string;
}

export interface DocumentRule {
  kind: ClaimKind;
  documents: DocumentKind[];
}

/** A rule set as the engine sees it: the stored body plus where it came from, for citations. */
export interface RuleSetRef {
  /** null for the built-in default when a center has configured none. */
  id: string | null;
  name: string;
  effectiveFrom: string | null;
  body: RuleSetBody;
}

/** The claim as the engine needs it. */
export interface ClaimFacts {
  kind: ClaimKind;
  occasion: Occasion | null;
  eventDate: string;
  amount: Decimal;
  /** Each beneficiary's share of this claim (per-person kinds); empty otherwise. */
  beneficiaries: { member: string; name: string; share: Decimal }[];
  documents: DocumentKind[];
  payee: 'bank' | 'cash';
}

/** What each member already received this calendar year, per cap (index into `caps`), from other live claims. */
export type YearToDate = ReadonlyMap<number, ReadonlyMap<string, Decimal>>;

/** Center settings that act as rules too (现金管理暂行条例). */
export interface CashPolicy {
  cashLimit: Decimal;
  allowCashAboveLimit: boolean;
}

export interface RuleResult {
  /** Stable id, cited in refusals: `prohibited.<kind>`, `cap.<index>.<kind>[.<occasion>]`, `documents.<kind>`, `cash.limit`. */
  rule: string;
  title: string;
  passed: boolean;
  /** Why it passed or failed, in words a clerk understands, with the figures. */
  message: string;
  /** Failed caps: the members over the cap with their figures. */
  details?: Record<string, unknown>;
  /** A warning only (budget control "warn"): shown, never a reason to refuse. */
  advisory?: boolean;
}

export interface ComplianceReport {
  ruleSet: { id: string | null; name: string; effectiveFrom: string | null };
  passed: boolean;
  results: RuleResult[];
}
