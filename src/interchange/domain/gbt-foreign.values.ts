import Decimal from 'decimal.js';
import { VoucherType } from '../../ledger/domain/voucher-type';

/** A value that could not be read, with the reason in words a clerk reads. */
export class Invalid {
  constructor(readonly message: string) {}
}

/**
 * An amount as other software writes it: 1234.5, 1234.50, 1234.5000, -300, +12 — never below the fen
 * (12.345 is refused, not rounded) and never with digit grouping (1,234.50), which no XML number has.
 */
export function amountOf(text: string): Decimal | Invalid {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return new Invalid(`金额“${text}”不是数字（不带千位分隔符的十进制数）`);
  const d = new Decimal(text);
  if (!d.equals(d.toDecimalPlaces(2))) return new Invalid(`金额 ${text} 有分以下的位数，无法对应（本系统金额精确到分）`);
  // numeric(18,2): sixteen digits before the point
  if (d.abs().gte('1e16')) return new Invalid(`金额 ${text} 超出本系统可记的范围（整数部分最多 16 位）`);
  return d;
}

/** A month as YYYY-MM, YYYYMM, YYYY-M, YYYY/MM or YYYY年MM月 → YYYYMM. */
export function periodOf(text: string): number | Invalid {
  const m = /^(\d{4})(?:[-/.年]?)(\d{1,2})月?$/.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12 || (m[2].length === 1 && !/[-/.年]/.test(text))) return new Invalid(`会计期间“${text}”应写作 YYYY-MM`);
  return Number(m[1]) * 100 + month;
}

/** A day as YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD (a time after it is ignored) → YYYY-MM-DD. */
export function dateOf(text: string): string | Invalid {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ].*)?$/.exec(text);
  if (!m) return new Invalid(`日期“${text}”应写作 YYYY-MM-DD`);
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? new Invalid(`日期“${text}”不存在`) : iso;
}

export function flagOf(text: string): boolean | Invalid {
  if (['是', '1', 'Y', 'y', 'true', 'TRUE', 'True', 'T'].includes(text)) return true;
  if (['否', '0', 'N', 'n', 'false', 'FALSE', 'False', 'F'].includes(text)) return false;
  return new Invalid(`“${text}”应为 是 或 否`);
}

const FUND_TYPES: Record<string, string> = { restricted: 'restricted', unrestricted: 'unrestricted', 专项: 'restricted', 非专项: 'unrestricted', 限定性: 'restricted', 非限定性: 'unrestricted' };

export function fundTypeOf(text: string): string | null | Invalid {
  return FUND_TYPES[text] ?? new Invalid(`资金性质“${text}”应为 专项 或 非专项`);
}

const WORDS: [RegExp, VoucherType][] = [
  [/^(general|记|记账|记账凭证)$/, 'general'],
  [/^(receipt|收|收款|收款凭证|现收|银收)$/, 'receipt'],
  [/^(payment|付|付款|付款凭证|现付|银付)$/, 'payment'],
  [/^(transfer|转|转账|转账凭证)$/, 'transfer'],
];

/** 记/收/付/转 from a voucher's type code or word, or through the file's 凭证类型表 (code → "字|名称"). */
export function voucherTypeOf(text: string, table: Map<string, string>): VoucherType | null {
  const direct = WORDS.find(([re]) => re.test(text));
  if (direct) return direct[1];
  for (const word of (table.get(text) ?? '').split('|')) {
    const hit = WORDS.find(([re]) => re.test(word));
    if (hit) return hit[1];
  }
  return null;
}
