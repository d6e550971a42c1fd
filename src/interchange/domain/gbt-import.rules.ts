import Decimal from 'decimal.js';
import { ACCOUNT_CODE_PATTERN, AccountCategory, levelOfCode, NormalSide, parentCodeOf } from '../../ledger/domain/account-rules';
import { formatVoucherNumber, VoucherType, VoucherTypes } from '../../ledger/domain/voucher-type';
import { formatPeriod, nextPeriod, parsePeriod, periodOfDate } from '../../common/period';
import { AccountRow, CATEGORY_LABEL, SIDE_LABEL, signedOf, VoucherRow } from './gbt-records';

/** An XML element as the import reads it: name, own text, child elements. */
export interface XmlNode {
  /** The element's local name (a namespace prefix, if any, left off). */
  name: string;
  text: string;
  children: XmlNode[];
  /** The line of its start tag in the file (1-based), for messages that say where. */
  line?: number;
}

export interface ImportedLine {
  lineNo: number;
  summary: string;
  accountCode: string;
  debit: Decimal;
  credit: Decimal;
  projectCode: string | null;
  fundType: string | null;
}

/** A voucher of the file: what the export wrote (its posting time aside), with its printed number as a key. */
export interface ImportedVoucher extends Omit<VoucherRow, 'postedAt'> {
  ref: string;
  lines: ImportedLine[];
}

export interface ImportedBooks {
  unionCode: string;
  unionName: string;
  numbering: string;
  from: number;
  to: number;
  periods: { period: number; closed: boolean }[];
  projects: { code: string; name: string; isActive: boolean }[];
  accounts: AccountRow[];
  openings: { code: string; projectCode: string | null; amount: Decimal }[];
  balances: { period: number; code: string; opening: Decimal; debit: Decimal; credit: Decimal; closing: Decimal }[];
  vouchers: ImportedVoucher[];
}

const MAX_PROBLEMS = 50;

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const text = (n: XmlNode, name: string): string => child(n, name)?.text.trim() ?? '';
const optional = (n: XmlNode, name: string): string | null => (child(n, name) ? text(n, name) : null);
const rows = (n: XmlNode, table: string) => child(n, table)?.children ?? [];
const invert = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const CATEGORY = invert(CATEGORY_LABEL);
const SIDE = invert(SIDE_LABEL);

/** The two files (already valid against our XSD) as plain records. */
export function readBooks(master: XmlNode, ledger: XmlNode): ImportedBooks {
  const info = child(master, '电子账簿')!;
  return {
    unionCode: text(info, '单位代码'),
    unionName: text(info, '会计核算单位'),
    numbering: text(info, '凭证编号方式'),
    from: parsePeriod(text(info, '起始期间')),
    to: parsePeriod(text(info, '截止期间')),
    periods: rows(master, '会计期间表').map((p) => ({ period: parsePeriod(text(p, '会计期间')), closed: text(p, '结账标志') === '是' })),
    projects: rows(master, '辅助核算项目表')
      .filter((p) => text(p, '辅助核算类型编号') === 'project')
      .map((p) => ({ code: text(p, '辅助核算项目编号'), name: text(p, '辅助核算项目名称'), isActive: text(p, '启用标志') === '是' })),
    accounts: rows(ledger, '科目表').map((a) => ({
      code: text(a, '科目编号'),
      name: text(a, '科目名称'),
      level: Number(text(a, '科目级次')),
      parentCode: optional(a, '上级科目编号'),
      category: CATEGORY.get(text(a, '科目类别')) as AccountCategory,
      normalSide: SIDE.get(text(a, '余额方向')) as NormalSide,
      isLeaf: text(a, '末级标志') === '是',
      isStandard: text(a, '标准科目标志') === '是',
      isActive: text(a, '启用标志') === '是',
    })),
    openings: rows(ledger, '期初余额表').map((o) => ({ code: text(o, '科目编号'), projectCode: optional(o, '项目编号'), amount: signedOf(text(o, '余额方向'), text(o, '余额')) })),
    balances: rows(ledger, '科目余额及发生额表').map((b) => ({
      period: parsePeriod(text(b, '会计期间')),
      code: text(b, '科目编号'),
      opening: signedOf(text(b, '期初余额方向'), text(b, '期初余额')),
      debit: new Decimal(text(b, '借方发生额')),
      credit: new Decimal(text(b, '贷方发生额')),
      closing: signedOf(text(b, '期末余额方向'), text(b, '期末余额')),
    })),
    vouchers: rows(ledger, '记账凭证表').map((v) => {
      const type = text(v, '凭证类型编号') as VoucherType;
      const period = parsePeriod(text(v, '会计期间'));
      const number = Number(text(v, '凭证编号'));
      return {
        ref: formatVoucherNumber(type, period, number),
        date: text(v, '凭证日期'),
        period,
        type,
        number,
        red: text(v, '红字标志') === '是',
        attachments: Number(text(v, '附件数')),
        source: text(v, '凭证来源'),
        preparer: text(v, '制单人'),
        reviewer: optional(v, '审核人'),
        cashier: optional(v, '出纳'),
        postedBy: text(v, '记账人'),
        preparedAt: text(v, '制单时间'),
        reversalOf: optional(v, '冲销凭证号'),
        lines: v.children
          .filter((c) => c.name === '分录')
          .map((l) => ({
            lineNo: Number(text(l, '分录序号')),
            summary: text(l, '摘要'),
            accountCode: text(l, '科目编号'),
            debit: new Decimal(text(l, '借方金额')),
            credit: new Decimal(text(l, '贷方金额')),
            projectCode: optional(l, '项目编号'),
            fundType: optional(l, '资金性质'),
          })),
      };
    }),
  };
}

/**
 * Everything wrong with the books of a file, each problem saying where (科目, 凭证号, 行): the chart's tree, the
 * opening balances and every voucher balance, voucher numbers run 1, 2, 3… per month and type, and the file's
 * 科目余额及发生额 agree with what its vouchers add up to. Empty when the books are whole.
 */
export function checkBooks(b: ImportedBooks, opts: { balancesComplete?: boolean } = {}): string[] {
  const problems: string[] = [];
  const add = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const accounts = new Map<string, AccountRow>();
  for (const a of b.accounts) {
    if (accounts.has(a.code)) add(`科目 ${a.code} 重复`);
    else if (!ACCOUNT_CODE_PATTERN.test(a.code) || a.level !== levelOfCode(a.code) || a.parentCode !== parentCodeOf(a.code)) add(`科目 ${a.code} 的编码、级次与上级科目不一致`);
    else if (a.parentCode && !accounts.has(a.parentCode)) add(`科目 ${a.code} 的上级科目 ${a.parentCode} 不在科目表中`);
    accounts.set(a.code, a);
  }
  const projects = new Set(b.projects.map((p) => p.code));
  const leaf = (code: string, at: string) => {
    const a = accounts.get(code);
    if (!a) add(`${at}：科目 ${code} 不在科目表中`);
    else if (!a.isLeaf) add(`${at}：科目 ${code} ${a.name} 不是末级科目`);
  };
  const project = (code: string | null, at: string) => {
    if (code && !projects.has(code)) add(`${at}：项目 ${code} 不在辅助核算项目中`);
  };

  let openingSum = new Decimal(0);
  for (const o of b.openings) {
    leaf(o.code, `期初余额 ${o.code}`);
    project(o.projectCode, `期初余额 ${o.code}`);
    openingSum = openingSum.plus(o.amount);
  }
  if (!openingSum.isZero()) add(`期初余额借贷不平衡：相差 ${openingSum.toFixed(2)}`);

  const periods = new Set(b.periods.map((p) => p.period));
  let open = false;
  for (const p of b.periods) {
    if (!p.closed) open = true;
    else if (open) add(`会计期间 ${formatPeriod(p.period)} 已结账，但其前面的月份未结账`);
  }
  const lastNumber = new Map<string, number>();
  const refs = new Set<string>();
  for (const v of b.vouchers) {
    const at = `凭证 ${v.ref}`;
    if (!periods.has(v.period) || periodOfDate(v.date) !== v.period) add(`${at}：日期 ${v.date} 与会计期间 ${formatPeriod(v.period)} 不符，或不在文件的期间内`);
    if (!VoucherTypes.includes(v.type)) add(`${at}：凭证类型不正确`);
    const key = `${v.period}|${v.type}`;
    const expected = (lastNumber.get(key) ?? 0) + 1;
    if (v.number !== expected) add(`${at}：凭证编号不连续，应为 ${formatVoucherNumber(v.type, v.period, expected)}`);
    lastNumber.set(key, v.number);
    if (v.reversalOf && !refs.has(v.reversalOf)) add(`${at}：冲销的原凭证 ${v.reversalOf} 不在文件中它之前`);
    refs.add(v.ref);
    let debit = new Decimal(0);
    let credit = new Decimal(0);
    v.lines.forEach((l, i) => {
      const lineAt = `${at} 第 ${i + 1} 行`;
      if (l.lineNo !== i + 1) add(`${lineAt}：分录序号应为 ${i + 1}`);
      leaf(l.accountCode, lineAt);
      project(l.projectCode, lineAt);
      const amount = l.debit.isZero() ? l.credit : l.debit;
      if (l.debit.isZero() === l.credit.isZero()) add(`${lineAt}：借方金额与贷方金额须有且只有一个不为零`);
      else if (v.red ? !amount.lt(0) : !amount.gt(0)) add(`${lineAt}：${v.red ? '红字凭证的金额须为负数' : '金额须大于零'}`);
      debit = debit.plus(l.debit);
      credit = credit.plus(l.credit);
    });
    if (!debit.equals(credit)) add(`${at}：借贷不平衡（借方 ${debit.toFixed(2)}，贷方 ${credit.toFixed(2)}）`);
  }
  if (problems.length === 0) for (const p of checkBalances(b, opts.balancesComplete ?? true)) add(p);
  return problems;
}

/** The file's 科目余额及发生额 against the same figures added up from its opening balances and vouchers. */
function checkBalances(b: ImportedBooks, complete: boolean): string[] {
  const problems: string[] = [];
  const ancestors = (code: string) => Array.from({ length: (code.length - 1) / 2 }, (_, i) => code.slice(0, 3 + 2 * i));
  const running = new Map<string, Decimal>();
  const bump = (m: Map<string, Decimal>, k: string, by: Decimal) => m.set(k, (m.get(k) ?? new Decimal(0)).plus(by));
  for (const o of b.openings) for (const c of ancestors(o.code)) bump(running, c, o.amount);
  const stated = new Map(b.balances.map((r) => [`${r.period}|${r.code}`, r]));
  const seen = new Set<string>();
  for (let p = b.from; p <= b.to; p = nextPeriod(p)) {
    const debit = new Map<string, Decimal>();
    const credit = new Map<string, Decimal>();
    for (const v of b.vouchers.filter((x) => x.period === p)) {
      for (const l of v.lines) {
        for (const c of ancestors(l.accountCode)) {
          bump(debit, c, l.debit);
          bump(credit, c, l.credit);
        }
      }
    }
    for (const a of b.accounts) {
      const key = `${p}|${a.code}`;
      const opening = running.get(a.code) ?? new Decimal(0);
      const d = debit.get(a.code) ?? new Decimal(0);
      const c = credit.get(a.code) ?? new Decimal(0);
      const closing = opening.plus(d).minus(c);
      running.set(a.code, closing);
      const row = stated.get(key);
      seen.add(key);
      const zero = opening.isZero() && d.isZero() && c.isZero();
      if (!row) {
        // other software may state only some levels (or none): what it states must agree, the rest is not asked
        if (!zero && complete) problems.push(`科目余额及发生额缺少 ${formatPeriod(p)} 科目 ${a.code} 的记录`);
        continue;
      }
      for (const [label, theirs, ours] of [['期初余额', row.opening, opening], ['借方发生额', row.debit, d], ['贷方发生额', row.credit, c], ['期末余额', row.closing, closing]] as const) {
        if (!theirs.equals(ours)) problems.push(`科目余额及发生额与凭证不符：${formatPeriod(p)} 科目 ${a.code} ${label}为 ${theirs.toFixed(2)}，按期初余额和凭证应为 ${ours.toFixed(2)}`);
      }
    }
  }
  for (const r of b.balances) if (!seen.has(`${r.period}|${r.code}`)) problems.push(`科目余额及发生额中的 ${formatPeriod(r.period)} 科目 ${r.code} 不在文件的期间或科目表中`);
  return problems;
}
