import Decimal from 'decimal.js';
import { BALANCE_SHEET_ACCOUNTS, BalanceSheetColumn, balanceSheetLines, balances, imbalance } from './balance-sheet.rules';

/** A deterministic pseudo-random sequence (no luck in the test: the same columns on every run). */
function* amounts(seed: number): Generator<Decimal> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield new Decimal(x % 2000000).minus(1000000).dividedBy(100);
  }
}

/** A column over every mapped account and one the 01表 does not read (a 4xx income account). */
function column(next: () => Decimal, balanced: boolean): BalanceSheetColumn {
  const map = new Map<string, Decimal>(BALANCE_SHEET_ACCOUNTS.map((code) => [code, next()]));
  map.set('401', next());
  const unclosed = { restricted: next(), unrestricted: next() };
  if (balanced) {
    // 102 takes what makes the books' mapped side and the unclosed result sum to zero
    const rest = imbalance({ balances: map, unclosed }).minus(map.get('102')!);
    map.set('102', rest.negated());
  }
  return { balances: map, unclosed };
}

describe('imbalance: the check a consolidation runs in SQL, against the statement itself', () => {
  it('is zero exactly when the built balance sheet balances, column by column', () => {
    const source = amounts(7);
    const next = () => source.next().value as Decimal;
    for (let i = 0; i < 200; i++) {
      const [a, b] = [column(next, i % 2 === 0), column(next, i % 3 === 0)];
      const lines = balanceSheetLines([a, b], { annual: i % 4 === 0 });
      expect(balances(lines)).toBe(imbalance(a).isZero() && imbalance(b).isZero());
      // and the difference of the totals is the imbalance itself
      const total = (key: string) => lines.find((l) => l.key === key)!.values;
      expect(total('totalAssets')[1].minus(total('totalLiabilitiesAndNetAssets')[1]).toFixed(2)).toBe(imbalance(b).toFixed(2));
    }
  });

  it('ignores accounts the 01表 does not read, as the statement does', () => {
    const c = column(() => new Decimal('1.00'), true);
    const moved: BalanceSheetColumn = { ...c, balances: new Map([...c.balances, ['401', new Decimal('999.99')]]) };
    expect(imbalance(moved).isZero()).toBe(true);
    expect(balances(balanceSheetLines([moved, moved], { annual: false }))).toBe(true);
  });
});
