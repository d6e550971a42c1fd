import Decimal from 'decimal.js';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['仟', '佰', '拾', ''];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/**
 * 大写金额 per 会计基础工作规范 第五十二条: capitals only (never 〇一二), 整 after an amount that ends at 元
 * or 角, nothing after 分, one 零 for any run of zeros inside the number. A zero 元 digit before a non-zero
 * 角 takes no 零 (the rule makes it optional; we choose the shorter form, e.g. 柒仟伍佰陆拾元叁角壹分).
 * Leading 拾 is written 壹拾, as on bills and vouchers. Red-ink (negative) amounts are prefixed 负.
 */
export function amountInWords(value: Decimal.Value): string {
  const amount = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (amount.isZero()) return '零元整';
  const [intPart, fracPart] = amount.abs().toFixed(2).split('.');
  const yuan = integerInWords(intPart);
  const jiao = Number(fracPart[0]);
  const fen = Number(fracPart[1]);

  let words = yuan ? `${yuan}元` : '';
  if (jiao === 0 && fen === 0) {
    words += '整';
  } else if (fen === 0) {
    words += `${DIGITS[jiao]}角整`;
  } else if (jiao === 0) {
    words += `${yuan ? '零' : ''}${DIGITS[fen]}分`;
  } else {
    words += `${DIGITS[jiao]}角${DIGITS[fen]}分`;
  }
  return amount.isNegative() ? `负${words}` : words;
}

function integerInWords(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  if (!trimmed) return '';
  const padded = trimmed.padStart(Math.ceil(trimmed.length / 4) * 4, '0');
  const groups = padded.match(/\d{4}/g) ?? [];
  let out = '';
  let zeroPending = false;
  groups.forEach((group, index) => {
    const groupUnit = GROUP_UNITS[groups.length - 1 - index];
    if (group === '0000') {
      if (out) zeroPending = true;
      return;
    }
    for (let i = 0; i < 4; i++) {
      const d = Number(group[i]);
      if (d === 0) {
        if (out) zeroPending = true;
        continue;
      }
      if (zeroPending) out += '零';
      zeroPending = false;
      out += DIGITS[d] + SMALL_UNITS[i];
    }
    out += groupUnit;
  });
  return out;
}
