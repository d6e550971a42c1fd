import { formatAmount, parseAmount } from './amount';

describe('parseAmount', () => {
  it.each(['1', '1234.5', '1234.50', '0.01', '999999999999.99', '-12.30'])('accepts %s', (v) => {
    expect(typeof parseAmount(v)).toBe('object');
  });

  it.each([
    [1000, 'not_a_string'],
    ['1e3', 'format'],
    ['12.345', 'format'],
    ['', 'format'],
    ['NaN', 'format'],
    ['1,000.00', 'format'],
    ['0012.00', 'format'],
    ['1000000000000.00', 'format'],
    ['+5', 'format'],
    ['0.00', 'zero'],
  ])('refuses %p (%s)', (v, problem) => {
    expect(parseAmount(v)).toBe(problem);
  });

  it('formats with exactly two places and no float error', () => {
    expect(formatAmount('0.1')).toBe('0.10');
    const a = parseAmount('0.10');
    const b = parseAmount('0.20');
    if (typeof a === 'string' || typeof b === 'string') throw new Error('parse');
    expect(formatAmount(a.plus(b))).toBe('0.30');
  });
});
