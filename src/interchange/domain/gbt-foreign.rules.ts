import Decimal from 'decimal.js';
import { ACCOUNT_CODE_PATTERN, AccountCategory, levelOfCode, NormalSide, parentCodeOf } from '../../ledger/domain/account-rules';
import { formatVoucherNumber, VoucherType, VoucherTypes } from '../../ledger/domain/voucher-type';
import { nextPeriod, periodOfDate } from '../../common/period';
import { AccountRow, CATEGORY_LABEL, CODE_LEVELS, SIDE_LABEL } from './gbt-records';
import { ImportedBooks, ImportedLine, ImportedVoucher, XmlNode } from './gbt-import.rules';
import { amountOf, dateOf, flagOf, fundTypeOf, Invalid, periodOf, voucherTypeOf } from './gbt-foreign.values';

/** Something in another program's file that cannot be mapped onto our books: file, line and element say where. */
export interface Unmapped {
  file: string;
  line: number;
  element: string;
  message: string;
}

export const unmappedText = (u: Unmapped): string => `${u.file} 第 ${u.line} 行 <${u.element}>：${u.message}`;

export interface ForeignFiles {
  master: { file: string; root: XmlNode } | null;
  ledger: { file: string; root: XmlNode };
}

const MAX_PROBLEMS = 50;
const RMB = ['CNY', 'RMB', '人民币', '本位币'];
const UNSTATED = '';
const CATEGORY = new Map(Object.entries(CATEGORY_LABEL).map(([k, v]) => [v, k as AccountCategory]));
const SIDE = new Map(Object.entries(SIDE_LABEL).map(([k, v]) => [v, k as NormalSide]));
/** 工会会计制度: the first digit of a code is its class. */
const CATEGORY_BY_DIGIT: Record<string, AccountCategory> = { '1': 'asset', '2': 'liability', '3': 'net_assets', '4': 'income', '5': 'expense' };
const NORMAL_SIDE: Record<AccountCategory, NormalSide> = { asset: 'debit', expense: 'debit', liability: 'credit', net_assets: 'credit', income: 'credit' };

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const rows = (n: XmlNode | undefined, table: string, row: string) => (n ? (child(n, table)?.children ?? n.children).filter((c) => c.name === row) : []);

/**
 * Reads a GB/T 24589 file written by other software into the records our import posts (docs/print-and-archive.md,
 * "Import of other software's files"): elements in any order and in any namespace, optional elements absent
 * (levels, parents, sides and leaves from the code and the chart; openings from the first month's 科目余额及发生额
 * when there is no 期初余额表; numbering, source and times of vouchers from what is there), amounts with or without
 * trailing zeros, periods and dates in the usual spellings, vouchers in any order. What cannot be mapped onto our
 * books (another code scheme, an unknown voucher type, a foreign currency, an amount below the fen…) is reported
 * with its file, line and element, and nothing is imported.
 */
export function readForeignBooks(files: ForeignFiles): { books: ImportedBooks; problems: Unmapped[] } {
  const problems: Unmapped[] = [];
  const ctx = (file: string) => {
    const fail = (node: XmlNode, message: string, element = node.name) => {
      if (problems.length < MAX_PROBLEMS) problems.push({ file, line: node.line ?? 0, element, message });
    };
    const opt = (n: XmlNode, ...names: string[]): XmlNode | undefined => names.map((x) => child(n, x)).find((c) => c && c.text.trim() !== '');
    const str = (n: XmlNode, ...names: string[]): string | null => opt(n, ...names)?.text.trim() ?? null;
    const req = (n: XmlNode, ...names: string[]): string | null => {
      const v = str(n, ...names);
      if (v === null) fail(n, `缺少 <${names[0]}>`);
      return v;
    };
    const value = <T>(n: XmlNode, names: string[], parse: (text: string) => T | Invalid, required: boolean, fallback: T): T => {
      const c = opt(n, ...names);
      if (!c) {
        if (required) fail(n, `缺少 <${names[0]}>`);
        return fallback;
      }
      const r = parse(c.text.trim());
      if (r instanceof Invalid) {
        fail(c, r.message);
        return fallback;
      }
      return r;
    };
    const int = (t: string) => (/^\d+$/.test(t) ? Number(t) : new Invalid(`“${t}”应为非负整数`));
    const amount = (n: XmlNode, names: string[], required = false) => value(n, names, amountOf, required, new Decimal(0));
    return { fail, str, req, value, amount, int, node: opt };
  };

  const L = ctx(files.ledger.file);
  const ledger = files.ledger.root;
  const master = files.master?.root;
  const M = files.master ? ctx(files.master.file) : L;

  // the code scheme: ours is 3-2-2-2; another (4-2-2 of enterprise charts) cannot be mapped
  for (const s of rows(ledger, '科目结构表', '科目结构')) {
    const level = L.value(s, ['科目级次'], L.int, true, 0);
    const len = L.value(s, ['科目编码长度'], L.int, true, 0);
    if (level >= 1 && len !== (CODE_LEVELS[level - 1] ?? -1)) L.fail(s, `第 ${level} 级科目编码长度为 ${len}，本系统的科目编码规则是 ${CODE_LEVELS.join('-')}，无法对应`);
  }

  // chart: what is stated must agree with the code; what is left out follows from the code and the parent
  const accounts: AccountRow[] = [];
  const byCode = new Map<string, AccountRow>();
  for (const a of rows(ledger, '科目表', '科目')) {
    const code = L.req(a, '科目编号', '科目编码');
    const name = L.req(a, '科目名称');
    if (code === null || name === null) continue;
    if (!ACCOUNT_CODE_PATTERN.test(code)) {
      L.fail(a, `科目编号 ${code} 不符合本系统的科目编码规则 ${CODE_LEVELS.join('-')}（一级 3 位，以下每级 2 位），无法对应`);
      continue;
    }
    const level = L.value(a, ['科目级次'], (t) => (Number(t) === levelOfCode(code) ? Number(t) : new Invalid(`科目 ${code} 的级次应为 ${levelOfCode(code)}，文件为 ${t}`)), false, levelOfCode(code));
    const parentCode = L.value(a, ['上级科目编号', '上级科目编码'], (t) => (t === parentCodeOf(code) ? t : new Invalid(`科目 ${code} 的上级科目应为 ${parentCodeOf(code) ?? '无'}，文件为 ${t}`)), false, parentCodeOf(code) ?? UNSTATED) || null;
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    const category = L.value(a, ['科目类别'], (t) => CATEGORY.get(t) ?? new Invalid(`科目类别“${t}”无法对应（应为 资产、负债、净资产、收入、支出 之一）`), false, parent?.category ?? CATEGORY_BY_DIGIT[code[0]] ?? ('' as AccountCategory));
    if (!category) L.fail(a, `科目 ${code} 没有科目类别，按编码也无法判断`);
    const normalSide = L.value(a, ['余额方向'], (t) => SIDE.get(t) ?? new Invalid(`余额方向“${t}”应为 借 或 贷`), false, parent?.normalSide ?? NORMAL_SIDE[category] ?? 'debit');
    const row: AccountRow = {
      code,
      name,
      level,
      parentCode,
      category,
      normalSide,
      isLeaf: true,
      isStandard: L.value(a, ['标准科目标志'], flagOf, false, level === 1),
      isActive: L.value(a, ['启用标志'], flagOf, false, true),
    };
    // 末级标志 as stated is checked against the tree below; absent, the tree decides
    if (byCode.has(code)) L.fail(a, `科目 ${code} 重复`);
    byCode.set(code, row);
    accounts.push(row);
  }
  accounts.sort((x, y) => x.code.localeCompare(y.code));
  for (const a of accounts) if (a.parentCode && byCode.has(a.parentCode)) byCode.get(a.parentCode)!.isLeaf = false;

  // projects: the auxiliary items of a type called 项目 (other dimensions — departments, persons — are not kept)
  const types = rows(master, '辅助核算类型表', '辅助核算类型');
  const projectTypes = new Set(types.filter((t) => /项目|project/i.test(`${M.str(t, '辅助核算类型名称') ?? ''}${M.str(t, '辅助核算类型编号') ?? ''}`)).map((t) => M.str(t, '辅助核算类型编号')));
  const projects = rows(master, '辅助核算项目表', '辅助核算项目')
    .filter((p) => projectTypes.has(M.str(p, '辅助核算类型编号')) || M.str(p, '辅助核算类型编号') === 'project')
    .map((p) => ({ code: M.req(p, '辅助核算项目编号') ?? '', name: M.req(p, '辅助核算项目名称') ?? '', isActive: M.value(p, ['启用标志'], flagOf, false, true) }));

  // a balance without its direction is read in the account's 余额方向, as the books show it
  const signed = (n: XmlNode, code: string | null, dirNames: string[], amtNames: string[], required: boolean): Decimal => {
    const amount = L.amount(n, amtNames, required);
    const dir = L.str(n, ...dirNames);
    if (dir === null) return code && byCode.get(code)?.normalSide === 'credit' ? amount.negated() : amount;
    if (!['借', '贷', '平'].includes(dir)) L.fail(n, `余额方向“${dir}”应为 借、贷 或 平`, dirNames[0]);
    return dir === '贷' ? amount.negated() : amount;
  };
  const balances = rows(ledger, '科目余额及发生额表', '科目余额及发生额').map((b) => {
    const code = L.req(b, '科目编号', '科目编码');
    return {
      period: L.value(b, ['会计期间'], periodOf, true, 0),
      code: code ?? '',
      opening: signed(b, code, ['期初余额方向'], ['期初余额'], false),
      debit: L.amount(b, ['借方发生额']),
      credit: L.amount(b, ['贷方发生额']),
      closing: signed(b, code, ['期末余额方向'], ['期末余额'], false),
    };
  });

  // vouchers
  const voucherTypes = new Map(rows(master, '凭证类型表', '凭证类型').map((t) => [M.str(t, '凭证类型编号') ?? '', `${M.str(t, '凭证字') ?? ''}|${M.str(t, '凭证类型名称') ?? ''}`]));
  const vouchers: ImportedVoucher[] = [];
  for (const v of rows(ledger, '记账凭证表', '记账凭证')) {
    const date = L.value(v, ['凭证日期', '制单日期'], dateOf, true, '');
    const period = L.value(v, ['会计期间'], periodOf, false, date ? periodOfDate(date) : 0);
    const typeNode = L.node(v, '凭证类型编号', '凭证字', '凭证类型');
    if (!typeNode) L.fail(v, '缺少 <凭证类型编号>（或 <凭证字>）');
    const type = typeNode ? voucherTypeOf(typeNode.text.trim(), voucherTypes) : 'general';
    if (type === null) L.fail(typeNode!, `凭证类型“${typeNode!.text.trim()}”无法对应到 记、收、付、转 之一`);
    const number = L.value(v, ['凭证编号', '凭证号'], (t) => (/(\d+)$/.test(t) ? Number(/(\d+)$/.exec(t)![1]) : new Invalid(`凭证编号“${t}”中没有数字`)), true, 0);
    const foreignCurrency = (n: XmlNode) => {
      const c = L.node(n, '币种', '币种编码');
      if (c && !RMB.includes(c.text.trim())) L.fail(c, `币种 ${c.text.trim()}：只能导入人民币记账的凭证`);
    };
    foreignCurrency(v);
    const lines: ImportedLine[] = [];
    const entries = v.children.filter((c) => c.name === '分录' || c.name === '凭证分录').concat(rows(child(v, '分录表') ?? child(v, '分录列表'), '分录表', '分录'));
    const voucherSummary = L.str(v, '摘要');
    entries.forEach((l, i) => {
      const accountCode = L.req(l, '科目编号', '科目编码') ?? '';
      let debit = L.amount(l, ['借方金额', '借方']);
      let credit = L.amount(l, ['贷方金额', '贷方']);
      const side = L.str(l, '方向', '借贷方向');
      if (side !== null) {
        const amount = L.amount(l, ['金额'], true);
        if (side === '借') debit = amount;
        else if (side === '贷') credit = amount;
        else L.fail(l, `借贷方向“${side}”应为 借 或 贷`, '方向');
      }
      foreignCurrency(l);
      const summary = L.str(l, '摘要') ?? voucherSummary ?? lines[0]?.summary ?? null;
      if (summary === null) L.fail(l, '缺少 <摘要>');
      lines.push({
        lineNo: i + 1,
        summary: summary ?? '',
        accountCode,
        debit,
        credit,
        projectCode: L.str(l, '项目编号', '项目编码'),
        fundType: L.value(l, ['资金性质'], fundTypeOf, false, null as string | null),
      });
    });
    const red = L.value(v, ['红字标志'], flagOf, false, lines.length > 0 && lines.every((l) => l.debit.plus(l.credit).lt(0)));
    const preparer = L.str(v, '制单人') ?? L.str(v, '记账人') ?? UNSTATED;
    vouchers.push({
      ref: formatVoucherNumber(type ?? 'general', period, number),
      date,
      period,
      type: type ?? 'general',
      number,
      red,
      attachments: L.value(v, ['附件数', '附单据数'], L.int, false, 0),
      source: 'import',
      preparer,
      reviewer: L.str(v, '审核人'),
      cashier: L.str(v, '出纳', '出纳人'),
      postedBy: L.str(v, '记账人') ?? UNSTATED,
      preparedAt: L.value(v, ['制单时间'], (t) => (Number.isNaN(Date.parse(t)) ? new Invalid('制单时间不是有效的时间') : new Date(t).toISOString()), false, `${date || '1970-01-01'}T00:00:00.000Z`),
      // another program's reference to the voucher it reverses is in its own numbering: not carried
      reversalOf: null,
      lines,
    });
  }
  const typeRank = (t: VoucherType) => VoucherTypes.indexOf(t);
  vouchers.sort((a, b) => a.period - b.period || typeRank(a.type) - typeRank(b.type) || a.number - b.number);

  // periods: the file's own, else from the months its data touch
  const info = master ? child(master, '电子账簿') : undefined;
  const stated = rows(master, '会计期间表', '会计期间').map((p) => {
    const year = M.str(p, '会计年度');
    const month = M.str(p, '会计期间号');
    const split = year && month ? periodOf(`${year}-${month}`) : null;
    const period = typeof split === 'number' ? M.value(p, ['会计期间'], periodOf, false, split) : M.value(p, ['会计期间'], periodOf, true, 0);
    return { period, closed: M.value(p, ['结账标志'], flagOf, false, false) };
  });
  const touched = [...stated.map((p) => p.period), ...vouchers.map((v) => v.period), ...balances.map((b) => b.period)].filter((p) => p > 0);
  const from = info && M.str(info, '起始期间') ? M.value(info, ['起始期间'], periodOf, false, 0) : Math.min(...touched);
  const to = info && M.str(info, '截止期间') ? M.value(info, ['截止期间'], periodOf, false, 0) : Math.max(...touched);
  const closed = new Map(stated.map((p) => [p.period, p.closed]));
  const periods: { period: number; closed: boolean }[] = [];
  if (Number.isFinite(from) && Number.isFinite(to) && from > 0 && to >= from) for (let p = from; p <= to; p = nextPeriod(p)) periods.push({ period: p, closed: closed.get(p) ?? false });
  else L.fail(ledger, '文件中没有任何会计期间、凭证或余额，无法确定期间');

  // openings: our 期初余额表, or the first month's opening balances of the leaves
  const openingRows = rows(ledger, '期初余额表', '期初余额');
  const openings = child(ledger, '期初余额表')
    ? openingRows.map((o) => {
        const code = L.req(o, '科目编号', '科目编码');
        return { code: code ?? '', projectCode: L.str(o, '项目编号', '项目编码'), amount: signed(o, code, ['余额方向'], ['余额', '期初余额'], true) };
      })
    : balances.filter((b) => b.period === from && byCode.get(b.code)?.isLeaf && !b.opening.isZero()).map((b) => ({ code: b.code, projectCode: null, amount: b.opening }));

  const numberingText = info ? M.str(info, '凭证编号方式') : null;
  const numbering = numberingText === 'general' || numberingText === 'typed' ? numberingText : vouchers.every((v) => v.type === 'general') ? 'general' : 'typed';
  return {
    books: {
      unionCode: (info && M.str(info, '单位代码')) ?? '',
      unionName: (info && M.str(info, '会计核算单位', '电子账簿名称')) ?? '',
      numbering,
      from: periods[0]?.period ?? 0,
      to: periods[periods.length - 1]?.period ?? 0,
      periods,
      projects,
      accounts,
      openings,
      balances,
      vouchers,
    },
    problems,
  };
}
