import { claimTotalOf, lineAmountOf, parseMembers, requestLines } from './claim-entry';

describe('claim entry in the browser (decimal, never float)', () => {
  it('multiplies quantity by unit price to the fen, half up', () => {
    expect(lineAmountOf({ description: '月饼', quantity: '120', unitPrice: '150' })).toBe('18000.00');
    // 0.1 × 3 is 0.30000000000000004 in floats
    expect(lineAmountOf({ description: 'x', quantity: '3', unitPrice: '0.10' })).toBe('0.30');
    expect(lineAmountOf({ description: 'x', quantity: '2.5', unitPrice: '3.33' })).toBe('8.33'); // 8.325 → 8.33
    expect(lineAmountOf({ description: 'x', quantity: '1.005', unitPrice: '1.00' })).toBe('1.01');
  });

  it('reads what people type: grouping commas, full-width digits', () => {
    expect(lineAmountOf({ description: 'x', quantity: '１２', unitPrice: '1,000.5' })).toBe('12006.00');
  });

  it('has no amount while a figure is missing or not a number', () => {
    expect(lineAmountOf({ description: 'x', quantity: '', unitPrice: '1' })).toBeNull();
    expect(lineAmountOf({ description: 'x', quantity: '1', unitPrice: '1.234' })).toBeNull();
    expect(lineAmountOf({ description: 'x', quantity: '1e3', unitPrice: '1' })).toBeNull();
  });

  it('totals the lines exactly', () => {
    const lines = Array.from({ length: 10 }, () => ({ description: 'x', quantity: '1', unitPrice: '0.10' }));
    expect(claimTotalOf(lines)).toBe('1.00');
    expect(claimTotalOf([...lines, { description: 'y', quantity: '', unitPrice: '1' }])).toBeNull();
  });

  it('sends decimal strings with each amount multiplied out', () => {
    expect(requestLines([{ description: ' 月饼 ', quantity: '2', unitPrice: '9.9' }])).toEqual([
      { description: '月饼', quantity: '2', unitPrice: '9.90', amount: '19.80' },
    ]);
  });

  it('reads a member list pasted from a spreadsheet, and names the lines it cannot read', () => {
    const { members, bad } = parseMembers('M001\t张三\nM002, 李四\n\nM003 王五 多余\nM004  赵六');
    expect(members).toEqual([
      { member: 'M001', name: '张三' },
      { member: 'M002', name: '李四' },
      { member: 'M004', name: '赵六' },
    ]);
    expect(bad).toEqual([4]);
  });
});
