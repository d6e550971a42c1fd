import { openPeriods } from './archive-scope.rules';
import { packageRetention, safeSegment, uniquePath, voucherLabel } from './package-plan';
import { retentionOf, retentionSummary } from './retention.rules';

describe('retention (会计档案管理办法 第十四、十五条)', () => {
  it('counts from the first day after the fiscal year: kept through 31 December of year + N', () => {
    expect(retentionOf('vouchers', 2026)).toEqual({ class: 'vouchers', years: 30, until: '2056-12-31' });
    expect(retentionOf('bank', 2026)).toEqual({ class: 'bank', years: 10, until: '2036-12-31' });
    expect(retentionOf('monthly-report', 2026)).toEqual({ class: 'monthly-report', years: 10, until: '2036-12-31' });
    expect(retentionOf('annual-report', 2026)).toEqual({ class: 'annual-report', years: null, until: null });
  });

  it('summarises one due date per class, the latest, permanent winning', () => {
    expect(retentionSummary([retentionOf('books', 2025), retentionOf('books', 2026), retentionOf('register', 2026)])).toEqual([
      { class: 'books', years: 30, until: '2056-12-31' },
      { class: 'register', years: null, until: null },
    ]);
  });

  it('a month package keeps its statements 10 years, a year package permanently', () => {
    const month = packageRetention('month', 202602).map((r) => r.class);
    const year = packageRetention('year', 202612).map((r) => r.class);
    expect(month).toContain('monthly-report');
    expect(month).not.toContain('annual-report');
    expect(year).toContain('annual-report');
    expect(year).not.toContain('monthly-report');
  });
});

describe('what may be archived', () => {
  it('only closed months; a year also needs its year-end closing; a hand-over takes the books as they are', () => {
    expect(openPeriods('month', 202602, 202602, new Set([202602]), false)).toEqual([]);
    expect(openPeriods('month', 202603, 202603, new Set([202602]), false)).toEqual(['2026-03']);
    const all = new Set(Array.from({ length: 12 }, (_, i) => 202601 + i));
    expect(openPeriods('year', 202601, 202612, all, true)).toEqual([]);
    expect(openPeriods('year', 202601, 202612, all, false)).toEqual(['2026 年度（年终结账）']);
    expect(openPeriods('year', 202601, 202612, new Set([202601]), false)).toHaveLength(12);
    expect(openPeriods('all', 202601, 202612, new Set(), false)).toEqual([]);
    // a union whose books start in November closes its first year with November and December
    expect(openPeriods('year', 202501, 202512, new Set([202511, 202512]), true, 202511)).toEqual([]);
    expect(openPeriods('year', 202501, 202512, new Set([202511]), true, 202511)).toEqual(['2025-12']);
    expect(openPeriods('year', 202401, 202412, new Set(), false, 202511)).toEqual(['2024 年度（年终结账）']);
  });
});

describe('package paths', () => {
  it('numbers vouchers as printed and keeps names to one safe segment, each unique', () => {
    expect(voucherLabel('payment', 202602, 3)).toBe('付-202602-0003');
    expect(voucherLabel('general', 202601, 12)).toBe('记-202601-0012');
    expect(safeSegment('../发票/1.pdf')).toBe('_发票_1.pdf');
    expect(safeSegment('..')).toBe('_');
    const taken = new Set<string>();
    expect([uniquePath('a/发票.pdf', taken), uniquePath('a/发票.pdf', taken), uniquePath('a/发票.pdf', taken)]).toEqual(['a/发票.pdf', 'a/发票 (2).pdf', 'a/发票 (3).pdf']);
  });
});
