import { duesRuleText, readOnlySentence } from './dues-labels';

describe('dues roll labels', () => {
  it('says the rule in words, the ratio as an exact percentage', () => {
    expect(duesRuleText({ ratio: '0.005', baseUnit: '10.00', roundTo: 'fen', rounding: 'half_up' })).toBe('工资基数按 10 元取整，按 0.5% 计收，算到分，四舍五入');
    // 0.007 * 100 in floating point is 0.7000000000000001
    expect(duesRuleText({ ratio: '0.007', baseUnit: '100.00', roundTo: 'jiao', rounding: 'down' })).toBe('工资基数按 100 元取整，按 0.7% 计收，算到角，舍去');
    expect(duesRuleText({ ratio: '0.005', baseUnit: '0.01', roundTo: 'yuan', rounding: 'half_up' })).toContain('工资基数不取整');
  });
  it('names the permission and the roles that hold it, with no Latin code', () => {
    const sentence = readOnlySentence('receipts:record', '导入会费名册');
    expect(sentence).toBe('只读：导入会费名册须有“登记收款”的权限（出纳）。');
    expect(sentence).not.toMatch(/[A-Za-z]/);
  });
});
