import Decimal from 'decimal.js';
import { ClaimError } from '../claims.errors';
import { evaluateClaim, parseRuleSet } from './compliance.rules';
import { DEFAULT_RULE_SET, RULE_PRESETS } from './rule-presets';
import { CapRule, CashPolicy, ClaimFacts, RuleSetBody, RuleSetRef, YearToDate } from './rule-set';

const d = (v: string) => new Decimal(v);
const cash: CashPolicy = { cashLimit: d('1000.00'), allowCashAboveLimit: false };
const noYtd: YearToDate = new Map();

function claim(over: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    kind: 'holiday_gift',
    occasion: 'spring',
    eventDate: '2026-02-10',
    amount: d('500.00'),
    beneficiaries: [{ member: 'm1', name: '张三', share: d('500.00') }],
    documents: ['invoice', 'distribution_list'],
    payee: 'bank',
    ...over,
  };
}

function ruleSet(caps: CapRule[], body: Partial<RuleSetBody> = {}): RuleSetRef {
  return { id: 'rs1', name: '测试规则', effectiveFrom: '2026-01-01', body: { ...DEFAULT_RULE_SET.body, caps, ...body } };
}

const ytd = (capIndex: number, entries: [string, string][]): YearToDate =>
  new Map([[capIndex, new Map(entries.map(([m, v]) => [m, d(v)]))]]);

const result = (report: ReturnType<typeof evaluateClaim>, rule: string) => report.results.find((r) => r.rule === rule);

describe('evaluateClaim: prohibited kinds (八不准)', () => {
  it('refuses a prohibited kind with its own rule id', () => {
    const report = evaluateClaim(claim({ kind: 'shopping_card', beneficiaries: [] }), DEFAULT_RULE_SET, noYtd, cash);
    expect(report.passed).toBe(false);
    expect(report.results[0]).toMatchObject({ rule: 'prohibited.shopping_card', passed: false });
    expect(report.results[0].message).toContain('购物卡、代金券');
  });

  it('passes an allowed kind with one "prohibited" result first', () => {
    const report = evaluateClaim(claim(), DEFAULT_RULE_SET, noYtd, cash);
    expect(report.results[0]).toMatchObject({ rule: 'prohibited', passed: true });
    expect(report.passed).toBe(true);
    expect(report.ruleSet).toEqual({ id: null, name: '默认规则（全国通用）', effectiveFrom: null });
  });
});

describe('evaluateClaim: member-year caps', () => {
  const rs = ruleSet([{ kind: 'holiday_gift', basis: 'member-year', amount: '1500.00' }]);

  it('passes when year-to-date plus this claim is exactly the cap', () => {
    const r = result(evaluateClaim(claim(), rs, ytd(0, [['m1', '1000.00']]), cash), 'cap.0.holiday_gift');
    expect(r?.passed).toBe(true);
    expect(r?.title).toBe('节日慰问品每人每年限额');
  });

  it('refuses 0.01 over the cap, with the figures in message and details', () => {
    const report = evaluateClaim(claim(), rs, ytd(0, [['m1', '1000.01']]), cash);
    const r = result(report, 'cap.0.holiday_gift');
    expect(report.passed).toBe(false);
    expect(r?.passed).toBe(false);
    expect(r?.message).toBe('节日慰问品每人每年不超过 1,500.00 元：张三 本年已领 1,000.01 元，本单 500.00 元，合计 1,500.01 元');
    expect(r?.details).toEqual({
      cap: '1500.00',
      basis: 'member-year',
      over: [{ member: 'm1', name: '张三', already: '1000.01', this: '500.00', total: '1500.01' }],
      overCount: 1,
    });
  });

  it('counts a member listed twice on one claim once, with the shares summed', () => {
    const twice = claim({
      beneficiaries: [
        { member: 'm1', name: '张三', share: d('800.00') },
        { member: 'm1', name: '张三', share: d('800.00') },
      ],
    });
    expect(result(evaluateClaim(twice, rs, noYtd, cash), 'cap.0.holiday_gift')?.details).toMatchObject({
      over: [{ member: 'm1', this: '1600.00', total: '1600.00' }],
    });
  });

  it('lists at most 20 members in details and counts them all', () => {
    const many = claim({
      beneficiaries: Array.from({ length: 25 }, (_, i) => ({ member: `m${i}`, name: `会员${i}`, share: d('1600.00') })),
    });
    const r = result(evaluateClaim(many, rs, noYtd, cash), 'cap.0.holiday_gift');
    expect((r?.details?.over as unknown[]).length).toBe(20);
    expect(r?.details?.overCount).toBe(25);
    expect(r?.message).toContain('共 25 人超过限额');
  });

  it('reads year-to-date of its own cap index only', () => {
    const two = ruleSet([
      { kind: 'birthday', basis: 'member-year', amount: '300.00' },
      { kind: 'holiday_gift', basis: 'member-year', amount: '1500.00' },
    ]);
    const report = evaluateClaim(claim(), two, ytd(0, [['m1', '1400.00']]), cash);
    expect(report.results.map((r) => r.rule)).toEqual(['prohibited', 'cap.1.holiday_gift', 'documents.holiday_gift']);
    expect(report.passed).toBe(true);
  });
});

describe('evaluateClaim: occasion and event caps', () => {
  const rs = ruleSet([
    { kind: 'holiday_gift', occasion: 'spring', basis: 'member-year', amount: '500.00' },
    { kind: 'holiday_gift', occasion: 'mid_autumn', basis: 'member-year', amount: '200.00' },
  ]);

  it('applies an occasion cap to its own occasion only', () => {
    const spring = evaluateClaim(claim(), rs, noYtd, cash);
    expect(spring.results.map((r) => r.rule)).toEqual(['prohibited', 'cap.0.holiday_gift.spring', 'documents.holiday_gift']);
    expect(result(spring, 'cap.0.holiday_gift.spring')?.title).toBe('节日慰问品（春节）每人每年限额');
    expect(spring.passed).toBe(true);

    const autumn = evaluateClaim(claim({ occasion: 'mid_autumn' }), rs, noYtd, cash);
    expect(autumn.results.map((r) => r.rule)).toEqual(['prohibited', 'cap.1.holiday_gift.mid_autumn', 'documents.holiday_gift']);
    expect(autumn.passed).toBe(false);
  });

  it('skips occasion caps when the claim names no occasion', () => {
    const report = evaluateClaim(claim({ occasion: null }), rs, noYtd, cash);
    expect(report.results.some((r) => r.rule.startsWith('cap.'))).toBe(false);
  });

  it('checks an event cap against this claim alone, ignoring year-to-date', () => {
    const ev = ruleSet([{ kind: 'wedding', basis: 'event', amount: '600.00' }]);
    const wedding = (share: string) =>
      claim({ kind: 'wedding', occasion: null, amount: d(share), beneficiaries: [{ member: 'm1', name: '李四', share: d(share) }] });
    const atCap = evaluateClaim(wedding('600.00'), ev, ytd(0, [['m1', '5000.00']]), cash);
    expect(result(atCap, 'cap.0.wedding')).toMatchObject({ passed: true, title: '结婚慰问每人每次限额' });
    const over = result(evaluateClaim(wedding('600.01'), ev, noYtd, cash), 'cap.0.wedding');
    expect(over?.passed).toBe(false);
    expect(over?.message).toBe('结婚慰问每人每次不超过 600.00 元：李四 本单 600.01 元，超出 0.01 元');
  });

  it('refuses a capped claim that lists no beneficiaries', () => {
    const rs1 = ruleSet([{ kind: 'holiday_gift', basis: 'member-year', amount: '1500.00' }]);
    const r = result(evaluateClaim(claim({ beneficiaries: [] }), rs1, noYtd, cash), 'cap.0.holiday_gift');
    expect(r?.passed).toBe(false);
    expect(r?.message).toContain('须列明受益会员');
  });
});

describe('evaluateClaim: documents and cash', () => {
  it('names the missing documents by label', () => {
    const r = result(evaluateClaim(claim({ documents: ['invoice'] }), DEFAULT_RULE_SET, noYtd, cash), 'documents.holiday_gift');
    expect(r?.passed).toBe(false);
    expect(r?.message).toContain('缺少：发放名单（实名签收）');
    expect(r?.details).toEqual({ missing: ['distribution_list'] });
  });

  it('passes when every required document is attached', () => {
    const r = result(evaluateClaim(claim(), DEFAULT_RULE_SET, noYtd, cash), 'documents.holiday_gift');
    expect(r?.passed).toBe(true);
  });

  const cashClaim = (amount: string) => claim({ payee: 'cash', amount: d(amount), beneficiaries: [] });

  it('passes cash at the 1,000.00 settlement threshold and refuses 1,000.01', () => {
    expect(result(evaluateClaim(cashClaim('1000.00'), DEFAULT_RULE_SET, noYtd, cash), 'cash.limit')?.passed).toBe(true);
    const over = result(evaluateClaim(cashClaim('1000.01'), DEFAULT_RULE_SET, noYtd, cash), 'cash.limit');
    expect(over?.passed).toBe(false);
    expect(over?.message).toContain('现金管理暂行条例 第五条');
    expect(over?.message).toContain('1,000.01');
  });

  it('allows cash above the threshold when the center allows it', () => {
    const allow = { ...cash, allowCashAboveLimit: true };
    expect(result(evaluateClaim(cashClaim('5000.00'), DEFAULT_RULE_SET, noYtd, allow), 'cash.limit')?.passed).toBe(true);
  });

  it('has no cash result for a bank payee', () => {
    const report = evaluateClaim(claim({ amount: d('5000.00') }), DEFAULT_RULE_SET, noYtd, cash);
    expect(report.results.some((r) => r.rule === 'cash.limit')).toBe(false);
  });
});

function parseError(input: unknown): ClaimError {
  try {
    parseRuleSet(input);
  } catch (e) {
    return e as ClaimError;
  }
  throw new Error('parseRuleSet accepted invalid input');
}

describe('parseRuleSet', () => {
  const valid = { prohibitedKinds: ['banquet'], caps: [{ kind: 'holiday_gift', basis: 'member-year', amount: '1500' }], requiredDocuments: [] };
  const withCap = (cap: Record<string, unknown>) => ({ ...valid, caps: [valid.caps[0], cap] });

  it('normalises amounts to two places', () => {
    expect(parseRuleSet(valid).caps).toEqual([{ kind: 'holiday_gift', basis: 'member-year', amount: '1500.00' }]);
  });

  it('refuses an unknown kind, naming the path', () => {
    const e = parseError({ ...valid, prohibitedKinds: ['banquet', 'gambling'] });
    expect(e).toBeInstanceOf(ClaimError);
    expect(e.code).toBe('RULE_SET_INVALID');
    expect(e.message).toContain('prohibitedKinds[1]');
  });

  it.each([['1e3'], ['12.345'], ['-1'], ['0'], ['0.00'], [12], ['1,000'], ['']])('refuses amount %p', (amount) => {
    const e = parseError(withCap({ kind: 'birthday', basis: 'member-year', amount }));
    expect(e.code).toBe('RULE_SET_INVALID');
    expect(e.message).toContain('caps[1].amount');
  });

  it('refuses unknown keys at every level', () => {
    expect(parseError({ ...valid, extra: 1 }).message).toContain('extra');
    expect(parseError(withCap({ kind: 'birthday', basis: 'event', amount: '1', limit: '2' })).message).toContain('caps[1].limit');
    expect(parseError({ ...valid, requiredDocuments: [{ kind: 'general', documents: ['invoice'], note: 'x' }] }).message).toContain(
      'requiredDocuments[0].note',
    );
  });

  it('refuses a missing section and a non-object body', () => {
    expect(parseError({ prohibitedKinds: [], caps: [] }).message).toContain('requiredDocuments');
    expect(parseError([]).code).toBe('RULE_SET_INVALID');
  });

  it('refuses duplicate caps with the same kind, occasion and basis, and accepts other bases', () => {
    expect(parseError(withCap({ kind: 'holiday_gift', basis: 'member-year', amount: '100' })).message).toContain('caps[0]');
    expect(parseRuleSet(withCap({ kind: 'holiday_gift', basis: 'event', amount: '100' })).caps).toHaveLength(2);
    expect(parseRuleSet(withCap({ kind: 'holiday_gift', occasion: 'spring', basis: 'member-year', amount: '100' })).caps).toHaveLength(2);
  });

  it('refuses a cap on a kind without beneficiaries, and an occasion outside holiday gifts', () => {
    expect(parseError(withCap({ kind: 'activity', basis: 'event', amount: '100' })).message).toContain('caps[1].kind');
    expect(parseError(withCap({ kind: 'birthday', occasion: 'spring', basis: 'event', amount: '100' })).message).toContain('caps[1].occasion');
    expect(parseError(withCap({ kind: 'holiday_gift', occasion: 'easter', basis: 'event', amount: '100' })).message).toContain('caps[1].occasion');
  });

  it('refuses duplicate document rules per kind, unknown and repeated documents', () => {
    const docs = (requiredDocuments: unknown[]) => ({ ...valid, requiredDocuments });
    expect(parseError(docs([{ kind: 'general', documents: ['invoice'] }, { kind: 'general', documents: ['receipt'] }])).message).toContain(
      'requiredDocuments[1].kind',
    );
    expect(parseError(docs([{ kind: 'general', documents: ['fapiao'] }])).message).toContain('requiredDocuments[0].documents[0]');
    expect(parseError(docs([{ kind: 'general', documents: ['invoice', 'invoice'] }])).message).toContain('documents[1]');
    expect(parseError(docs([{ kind: 'general', documents: [] }])).message).toContain('至少');
  });

  it('refuses a kind prohibited twice', () => {
    expect(parseError({ ...valid, prohibitedKinds: ['banquet', 'banquet'] }).message).toContain('prohibitedKinds[1]');
  });
});

describe('presets', () => {
  it.each(RULE_PRESETS.map((p) => [p.id, p]))('%s passes parseRuleSet unchanged', (_id, preset) => {
    expect(parseRuleSet(preset.body)).toEqual(preset.body);
    expect(preset.source).toMatch(/^\[S15-[A-Z0-9]+\]$/);
  });

  it('the default passes parseRuleSet and imposes no caps', () => {
    expect(parseRuleSet(DEFAULT_RULE_SET.body)).toEqual(DEFAULT_RULE_SET.body);
    expect(DEFAULT_RULE_SET.body.caps).toEqual([]);
  });

  it('has unique ids and encodes Chongqing festivals as specified', () => {
    expect(new Set(RULE_PRESETS.map((p) => p.id)).size).toBe(RULE_PRESETS.length);
    const cq = RULE_PRESETS.find((p) => p.id === 'chongqing-2015')!;
    const byOccasion = Object.fromEntries(cq.body.caps.map((c) => [c.occasion, c.amount]));
    expect(byOccasion).toMatchObject({ spring: '500.00', national_day: '300.00', mid_autumn: '100.00', other: '100.00' });
  });
});
