import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { ClaimError } from '../claims.errors';
import {
  CLAIM_KIND_LABEL,
  ClaimKind,
  ClaimKinds,
  DOCUMENT_KIND_LABEL,
  DocumentKind,
  DocumentKinds,
  OCCASION_LABEL,
  Occasions,
  PER_PERSON_KINDS,
} from './claim-kinds';
import {
  CapRule,
  CashPolicy,
  ClaimFacts,
  ComplianceReport,
  DocumentRule,
  RuleResult,
  RuleSetBody,
  RuleSetRef,
  YearToDate,
} from './rule-set';

/** Details stay small enough to show in a dialog; the count tells the clerk how many more there are. */
const OVER_IN_DETAILS = 20;
const OVER_IN_MESSAGE = 3;
/** The kinds that exist to name 八不准 items; only these are cited as such in a refusal. */
const EIGHT_PROHIBITIONS: readonly ClaimKind[] = ['cash_gift', 'shopping_card', 'banquet', 'unrelated'];

/** Every rule of the set that applies to the claim, in a stable order: prohibited, caps, documents, cash. */
export function evaluateClaim(claim: ClaimFacts, ruleSet: RuleSetRef, yearToDate: YearToDate, cash: CashPolicy): ComplianceReport {
  const { body } = ruleSet;
  const results: RuleResult[] = [prohibitedResult(claim.kind, body.prohibitedKinds, ruleSet.name)];
  body.caps.forEach((cap, index) => {
    if (cap.kind === claim.kind && (cap.occasion === undefined || cap.occasion === claim.occasion)) {
      results.push(capResult(cap, index, claim, yearToDate.get(index)));
    }
  });
  const documents = body.requiredDocuments.find((r) => r.kind === claim.kind);
  if (documents) results.push(documentsResult(documents, claim.documents));
  if (claim.payee === 'cash') results.push(cashResult(claim.amount, cash));
  return {
    ruleSet: { id: ruleSet.id, name: ruleSet.name, effectiveFrom: ruleSet.effectiveFrom },
    passed: results.every((r) => r.passed),
    results,
  };
}

function prohibitedResult(kind: ClaimKind, prohibited: readonly ClaimKind[], ruleSetName: string): RuleResult {
  const label = CLAIM_KIND_LABEL[kind];
  if (!prohibited.includes(kind)) {
    return { rule: 'prohibited', title: '禁止报销事项', passed: true, message: `「${label}」不属于禁止报销的事项` };
  }
  const why = EIGHT_PROHIBITIONS.includes(kind) ? '（基层工会经费收支管理“八不准”）' : '';
  return {
    rule: `prohibited.${kind}`,
    title: '禁止报销事项',
    passed: false,
    message: `「${label}」是规则「${ruleSetName}」禁止报销的事项${why}，不予报销`,
  };
}

interface MemberFigures {
  member: string;
  name: string;
  already: Decimal;
  share: Decimal;
  total: Decimal;
}

function capResult(cap: CapRule, index: number, claim: ClaimFacts, received: ReadonlyMap<string, Decimal> | undefined): RuleResult {
  const perYear = cap.basis === 'member-year';
  const subject = CLAIM_KIND_LABEL[cap.kind] + (cap.occasion ? `（${OCCASION_LABEL[cap.occasion]}）` : '');
  const rule = `cap.${index}.${cap.kind}${cap.occasion ? `.${cap.occasion}` : ''}`;
  const title = `${subject}每人${perYear ? '每年' : '每次'}限额`;
  const limit = new Decimal(cap.amount);
  const head = `${subject}每人${perYear ? '每年' : '每次'}不超过 ${yuan(limit)} 元`;

  if (claim.beneficiaries.length === 0) {
    return { rule, title, passed: false, message: `${head}：报销单须列明受益会员及每人金额，才能核对限额` };
  }
  const members = sharesByMember(claim.beneficiaries).map((b): MemberFigures => {
    const already = perYear ? (received?.get(b.member) ?? ZERO) : ZERO;
    return { ...b, already, total: already.plus(b.share) };
  });
  const over = members.filter((m) => m.total.gt(limit));

  if (over.length === 0) {
    const highest = Decimal.max(...members.map((m) => m.total));
    const what = perYear ? '含本单后每人本年合计最高' : '本单每人最高';
    return { rule, title, passed: true, message: `${head}：本单 ${members.length} 人，${what} ${yuan(highest)} 元，未超过` };
  }
  const listed = over.slice(0, OVER_IN_MESSAGE).map((m) =>
    perYear
      ? `${m.name} 本年已领 ${yuan(m.already)} 元，本单 ${yuan(m.share)} 元，合计 ${yuan(m.total)} 元`
      : `${m.name} 本单 ${yuan(m.share)} 元，超出 ${yuan(m.total.minus(limit))} 元`,
  );
  const more = over.length > OVER_IN_MESSAGE ? `；共 ${over.length} 人超过限额` : '';
  return {
    rule,
    title,
    passed: false,
    message: `${head}：${listed.join('；')}${more}`,
    details: {
      cap: limit.toFixed(2),
      basis: cap.basis,
      // `already` is 0.00 for an event cap, so one shape serves both bases
      over: over.slice(0, OVER_IN_DETAILS).map((m) => ({
        member: m.member,
        name: m.name,
        already: m.already.toFixed(2),
        this: m.share.toFixed(2),
        total: m.total.toFixed(2),
      })),
      overCount: over.length,
    },
  };
}

/** A member listed twice on one claim is one person under the cap. */
function sharesByMember(beneficiaries: ClaimFacts['beneficiaries']): { member: string; name: string; share: Decimal }[] {
  const byMember = new Map<string, { member: string; name: string; share: Decimal }>();
  for (const b of beneficiaries) {
    const seen = byMember.get(b.member);
    if (seen) seen.share = seen.share.plus(b.share);
    else byMember.set(b.member, { member: b.member, name: b.name, share: b.share });
  }
  return [...byMember.values()];
}

function documentsResult(rule: DocumentRule, attached: readonly DocumentKind[]): RuleResult {
  const label = CLAIM_KIND_LABEL[rule.kind];
  const missing = rule.documents.filter((d) => !attached.includes(d));
  const required = `${label}须附${documentNames(rule.documents)}`;
  const base = { rule: `documents.${rule.kind}`, title: `${label}所需单据` };
  if (missing.length === 0) return { ...base, passed: true, message: `${required}，已附齐` };
  return { ...base, passed: false, message: `${required}，缺少：${documentNames(missing)}`, details: { missing } };
}

function documentNames(kinds: readonly DocumentKind[]): string {
  return kinds.map((d) => DOCUMENT_KIND_LABEL[d]).join('、');
}

function cashResult(amount: Decimal, cash: CashPolicy): RuleResult {
  const base = { rule: 'cash.limit', title: '现金结算起点' };
  const law = '现金管理暂行条例 第五条';
  const paid = `现金支付 ${yuan(amount)} 元`;
  const limit = `现金结算起点 ${yuan(cash.cashLimit)} 元`;
  if (amount.lte(cash.cashLimit)) return { ...base, passed: true, message: `${paid}，未超过${limit}（${law}）` };
  if (cash.allowCashAboveLimit) {
    return { ...base, passed: true, message: `${paid}，超过${limit}（${law}），本中心设置允许超过结算起点的现金支付` };
  }
  return {
    ...base,
    passed: false,
    message: `${paid}，超过${limit}；按${law}，结算起点以上的支付应通过银行转账`,
    details: { amount: amount.toFixed(2), cashLimit: cash.cashLimit.toFixed(2) },
  };
}

/** 1234567.5 → "1,234,567.50": what a clerk expects to read in a message. */
function yuan(amount: Decimal): string {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

// ---- parsing a rule set sent by a client ----------------------------------------------------------------

/** Positive, at most 12 integer digits and 2 places; no sign, exponent or grouping. */
const CAP_AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
const BASES = ['member-year', 'event'] as const;

/**
 * Validates a rule set strictly and returns a normalised copy. Strict because a typo in a rule set (an
 * unknown key, a misspelt kind) would otherwise silently switch a rule off for every claim of a center.
 */
export function parseRuleSet(input: unknown): RuleSetBody {
  const root = record(input, '', ['prohibitedKinds', 'caps', 'requiredDocuments'], []);

  const prohibitedKinds = uniqueList(root.prohibitedKinds, 'prohibitedKinds', (v, p) => claimKind(v, p));

  const capKeys = new Map<string, number>();
  const caps = list(root.caps, 'caps').map((raw, i): CapRule => {
    const path = `caps[${i}]`;
    const c = record(raw, path, ['kind', 'basis', 'amount'], ['occasion']);
    const kind = claimKind(c.kind, `${path}.kind`);
    // a cap on a kind without beneficiaries would refuse every claim of that kind
    if (!PER_PERSON_KINDS.includes(kind)) {
      invalid(`${path}.kind`, `「${CLAIM_KIND_LABEL[kind]}」不是按人发放的事项，不能设每人限额`);
    }
    const occasion = c.occasion == null ? undefined : oneOf(c.occasion, `${path}.occasion`, Occasions, '节日');
    // only holiday gifts carry an occasion, so an occasion anywhere else would never match a claim
    if (occasion !== undefined && kind !== 'holiday_gift') {
      invalid(`${path}.occasion`, '只有节日慰问品（holiday_gift）的限额可以指定节日');
    }
    const basis = oneOf(c.basis, `${path}.basis`, BASES, '计算口径');
    const amount = capAmount(c.amount, `${path}.amount`);
    const key = `${kind}|${occasion ?? ''}|${basis}`;
    const earlier = capKeys.get(key);
    if (earlier !== undefined) {
      invalid(path, `与 caps[${earlier}] 重复：同一事项、节日和计算口径只能有一条限额`);
    }
    capKeys.set(key, i);
    return occasion === undefined ? { kind, basis, amount } : { kind, occasion, basis, amount };
  });

  const documentKinds = new Map<ClaimKind, number>();
  const requiredDocuments = list(root.requiredDocuments, 'requiredDocuments').map((raw, i): DocumentRule => {
    const path = `requiredDocuments[${i}]`;
    const r = record(raw, path, ['kind', 'documents'], []);
    const kind = claimKind(r.kind, `${path}.kind`);
    const earlier = documentKinds.get(kind);
    if (earlier !== undefined) {
      invalid(`${path}.kind`, `「${CLAIM_KIND_LABEL[kind]}」已在 requiredDocuments[${earlier}] 规定，每类事项只能有一条单据要求`);
    }
    documentKinds.set(kind, i);
    const documents = uniqueList(r.documents, `${path}.documents`, (v, p) => oneOf(v, p, DocumentKinds, '单据类型'));
    if (documents.length === 0) invalid(`${path}.documents`, '至少列出一种单据');
    return { kind, documents };
  });

  return { prohibitedKinds, caps, requiredDocuments };
}

function invalid(path: string, problem: string): never {
  throw new ClaimError('RULE_SET_INVALID', `规则集有误：${path ? `${path} ` : ''}${problem}`, { path });
}

function record(value: unknown, path: string, required: string[], optional: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, `应为对象，收到 ${show(value)}`);
  const obj = value as Record<string, unknown>;
  const allowed = [...required, ...optional];
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) invalid(join(path, key), `不是可识别的字段（可用字段：${allowed.join('、')}）`);
  }
  for (const key of required) {
    if (obj[key] === undefined) invalid(join(path, key), '缺少此字段');
  }
  return obj;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) invalid(path, `应为数组，收到 ${show(value)}`);
  return value;
}

function uniqueList<T>(value: unknown, path: string, item: (v: unknown, path: string) => T): T[] {
  const out: T[] = [];
  list(value, path).forEach((v, i) => {
    const parsed = item(v, `${path}[${i}]`);
    const earlier = out.indexOf(parsed);
    if (earlier >= 0) invalid(`${path}[${i}]`, `与 ${path}[${earlier}] 重复`);
    out.push(parsed);
  });
  return out;
}

function claimKind(value: unknown, path: string): ClaimKind {
  return oneOf(value, path, ClaimKinds, '报销事项');
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(path, `${show(value)} 不是有效的${what}（可选：${allowed.join('、')}）`);
  }
  return value as T;
}

function capAmount(value: unknown, path: string): string {
  const rule = '应为大于 0 的金额字符串，最多 12 位整数、2 位小数，如 "1500.00"';
  if (typeof value !== 'string') invalid(path, `${rule}；收到 ${show(value)}（金额须用字符串，不能用数字）`);
  if (!CAP_AMOUNT.test(value) || new Decimal(value).isZero()) invalid(path, `${rule}；收到 ${show(value)}`);
  return new Decimal(value).toFixed(2);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function show(value: unknown): string {
  if (value === undefined) return '空值';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
