import { matchSums } from './match-sums';

describe('matchSums (manual bank matching)', () => {
  it('adds in decimal, where floats would miss', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004
    expect(matchSums(['0.10', '0.20'], ['0.30'])).toEqual({ statement: '0.30', book: '0.30', agrees: true });
  });
  it('keeps signs: a payment out is negative on both sides', () => {
    expect(matchSums(['-1200.00'], ['-1000.00', '-200.00']).agrees).toBe(true);
    expect(matchSums(['-1200.00'], ['1200.00']).agrees).toBe(false);
  });
  it('needs something chosen on both sides', () => {
    expect(matchSums([], []).agrees).toBe(false);
    expect(matchSums(['5.00'], []).agrees).toBe(false);
  });
});
