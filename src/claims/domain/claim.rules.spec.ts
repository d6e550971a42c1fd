import Decimal from 'decimal.js';
import { ClaimError } from '../claims.errors';
import { ClaimDraftInput, ClaimStatuses, paymentLines, requireCashAllowed, requireCommitteeDecision, transition, validateClaim } from './claim.rules';

const d = (v: string) => new Decimal(v);
const input = (over: Partial<ClaimDraftInput> = {}): ClaimDraftInput => ({
  kind: 'general',
  occasion: null,
  expenseAccount: '50304',
  fundType: 'unrestricted',
  projectCode: null,
  payee: { kind: 'bank', name: '书店', bank: null, account: '6222' },
  lines: [{ description: '图书', quantity: d('3'), unitPrice: d('33.33'), amount: d('99.99') }],
  beneficiaries: [],
  ...over,
});
const code = (f: () => unknown) => {
  try {
    f();
    return 'passed';
  } catch (e) {
    return (e as ClaimError).code;
  }
};

describe('claim rules', () => {
  it('totals lines that multiply out, to the fen with half-up rounding', () => {
    expect(validateClaim(input()).amount.toFixed(2)).toBe('99.99');
    const rounded = input({ lines: [{ description: 'x', quantity: d('2.5'), unitPrice: d('0.33'), amount: d('0.83') }] });
    expect(validateClaim(rounded).amount.toFixed(2)).toBe('0.83'); // 0.825 → 0.83
    expect(code(() => validateClaim(input({ lines: [{ description: 'x', quantity: d('3'), unitPrice: d('33.33'), amount: d('100.00') }] })))).toBe('CLAIM_LINE_AMOUNT');
    expect(code(() => validateClaim(input({ lines: [{ description: 'x', quantity: d('0'), unitPrice: d('1.00'), amount: d('0.00') }] })))).toBe('CLAIM_LINE_AMOUNT');
  });

  it('charges only expense leaves of the allowed roots, with a project for restricted funds', () => {
    expect(code(() => validateClaim(input({ expenseAccount: '502' })))).toBe('CLAIM_ACCOUNT_INVALID');
    expect(code(() => validateClaim(input({ expenseAccount: '10201' })))).toBe('CLAIM_ACCOUNT_INVALID');
    expect(code(() => validateClaim(input({ expenseAccount: '51001' })))).toBe('passed');
    expect(code(() => validateClaim(input({ fundType: 'restricted' })))).toBe('CLAIM_ACCOUNT_INVALID');
    expect(code(() => validateClaim(input({ fundType: 'restricted', projectCode: 'P1' })))).toBe('passed');
  });

  it('splits per-person kinds evenly to the fen, the shares adding up exactly', () => {
    const people = [1, 2, 3].map((i) => ({ member: `M${i}`, name: `会员${i}` }));
    const v = validateClaim(input({ kind: 'holiday_gift', beneficiaries: people, lines: [{ description: 'x', quantity: d('1'), unitPrice: d('100.00'), amount: d('100.00') }] }));
    expect(v.beneficiaries.map((b) => b.share.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
    expect(code(() => validateClaim(input({ kind: 'holiday_gift' })))).toBe('CLAIM_BENEFICIARIES_INVALID');
    expect(code(() => validateClaim(input({ kind: 'holiday_gift', beneficiaries: [people[0], people[0]] })))).toBe('CLAIM_BENEFICIARIES_INVALID');
    expect(code(() => validateClaim(input({ beneficiaries: people })))).toBe('CLAIM_BENEFICIARIES_INVALID');
    expect(code(() => validateClaim(input({ occasion: 'spring' })))).toBe('CLAIM_BENEFICIARIES_INVALID');
    const tiny = input({ kind: 'birthday', beneficiaries: people, lines: [{ description: 'x', quantity: d('1'), unitPrice: d('0.02'), amount: d('0.02') }] });
    expect(code(() => validateClaim(tiny))).toBe('CLAIM_BENEFICIARIES_INVALID');
  });

  it('moves only along the workflow: prepared, reviewed (审核), paid, then posted (记账); once paid only posted', () => {
    const allowed: Record<string, string[]> = {};
    const actions = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'review', 'check', 'return', 'cancel', 'pay', 'post'] as const;
    for (const s of ClaimStatuses) allowed[s] = actions.filter((a) => code(() => transition(s, a)) === 'passed');
    expect(allowed).toEqual({
      draft: ['edit', 'submit', 'cancel'],
      submitted: ['withdraw', 'approve', 'reject'],
      approved: ['review', 'return', 'cancel'],
      rejected: [],
      reviewed: ['check', 'return', 'cancel'],
      checked: ['return', 'cancel', 'pay'],
      returned: ['edit', 'submit', 'cancel'],
      cancelled: [],
      paid: ['post'],
      posted: [],
    });
    expect(transition('submitted', 'withdraw')).toBe('draft');
    expect([transition('approved', 'review'), transition('reviewed', 'check'), transition('checked', 'pay'), transition('paid', 'post')]).toEqual([
      'reviewed',
      'checked',
      'paid',
      'posted',
    ]);
  });

  it('asks for a committee decision strictly above the threshold, and refuses cash above the limit unless allowed', () => {
    const none = { date: null, ref: null };
    expect(code(() => requireCommitteeDecision(d('5000.00'), d('5000.00'), none))).toBe('passed');
    expect(code(() => requireCommitteeDecision(d('5000.01'), d('5000.00'), none))).toBe('COMMITTEE_DECISION_REQUIRED');
    expect(code(() => requireCommitteeDecision(d('5000.01'), d('5000.00'), { date: '2026-01-01', ref: null }))).toBe('COMMITTEE_DECISION_REQUIRED');
    expect(code(() => requireCommitteeDecision(d('5000.01'), d('5000.00'), { date: '2026-01-01', ref: '纪要1' }))).toBe('passed');
    expect(code(() => requireCashAllowed('cash', d('1000.00'), d('1000.00'), false))).toBe('passed');
    expect(code(() => requireCashAllowed('cash', d('1000.01'), d('1000.00'), false))).toBe('CASH_LIMIT_EXCEEDED');
    expect(code(() => requireCashAllowed('cash', d('1000.01'), d('1000.00'), true))).toBe('passed');
    expect(code(() => requireCashAllowed('bank', d('99999.00'), d('1000.00'), false))).toBe('passed');
  });

  it('pays Dr expense / Cr the funding account, and enters each capitalised item against its fund', () => {
    const base = { number: 'BX-2026-0001', kind: 'capital' as const, purpose: '购置电脑', expenseAccount: '50702', fundType: 'unrestricted' as const, projectCode: null, amount: d('6000.00'), creditAccount: '10201' };
    expect(paymentLines({ ...base, fixedAssets: [] }).map((l) => [l.accountCode, l.side, l.amount.toFixed(2)])).toEqual([
      ['50702', 'debit', '6000.00'],
      ['10201', 'credit', '6000.00'],
    ]);
    const item = (lineNo: number, description: string, quantity: string, unitPrice: string) =>
      ({ lineNo, description, quantity: d(quantity), unitPrice: d(unitPrice), amount: d(quantity).times(unitPrice), category: 'general' as const });
    const asset = paymentLines({ ...base, fixedAssets: [item(1, '笔记本电脑', '1', '5000.00'), item(3, '打印机', '1', '1000.00')] });
    expect(asset.map((l) => [l.accountCode, l.side, l.amount.toFixed(2)])).toEqual([
      ['50702', 'debit', '6000.00'],
      ['10201', 'credit', '6000.00'],
      ['162', 'debit', '5000.00'],
      ['162', 'debit', '1000.00'],
      ['30104', 'credit', '6000.00'],
    ]);
    expect(asset[2].summary).toBe('报销单 BX-2026-0001 固定资产入账：笔记本电脑 1 × 5000.00');
    // the kind by its Chinese name, never its code, in the immutable 摘要
    expect(asset[0].summary).toBe('支付报销单 BX-2026-0001 资本性支出 购置电脑');
    expect(paymentLines({ ...base, kind: 'holiday_gift', fixedAssets: [] })[1].summary).toBe('支付报销单 BX-2026-0001 节日慰问品 购置电脑');
    expect(asset[0].fundType).toBe('unrestricted');
    expect(asset[1].fundType).toBeNull();
  });
});
