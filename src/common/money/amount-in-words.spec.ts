import { amountInWords } from './amount-in-words';

describe('amountInWords (大写金额, 会计基础工作规范 第五十二条)', () => {
  it.each([
    ['289546.52', '贰拾捌万玖仟伍佰肆拾陆元伍角贰分'],
    ['7560.31', '柒仟伍佰陆拾元叁角壹分'],
    ['532.00', '伍佰叁拾贰元整'],
    ['425.03', '肆佰贰拾伍元零叁分'],
    ['101.50', '壹佰零壹元伍角整'],
    ['1004.56', '壹仟零肆元伍角陆分'],
  ])('brief §7.2 worked example %s → %s', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it.each([
    ['10.00', '壹拾元整'],
    ['100000.00', '壹拾万元整'],
    ['10005.00', '壹万零伍元整'],
    ['10000100.00', '壹仟万零壹佰元整'],
    ['100010000.00', '壹亿零壹万元整'],
    ['100000000.00', '壹亿元整'],
    ['1000.05', '壹仟元零伍分'],
    ['1010.00', '壹仟零壹拾元整'],
    ['0.50', '伍角整'],
    ['0.05', '伍分'],
    ['0.55', '伍角伍分'],
    ['0.00', '零元整'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['200000000000.00', '贰仟亿元整'],
  ])('%s → %s', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it('prefixes red-ink (negative) amounts with 负', () => {
    expect(amountInWords('-1500.00')).toBe('负壹仟伍佰元整');
  });

  it('never uses simplified numerals', () => {
    expect(amountInWords('123456789.12')).not.toMatch(/[〇一二三四五六七八九十百千]/);
  });
});
