import Decimal from 'decimal.js';
import { firstDayOf, lastDayOf } from '../../common/period';
import { BalancesRepository } from '../../ledger/balances/balances.repository';
import { balanceDirection } from '../../ledger/domain/trial-balance.rules';
import { formatVoucherNumber, VoucherType, voucherTypeRank } from '../../ledger/domain/voucher-type';
import { Snapshot } from '../snapshot';
import { AuditWorkbook, Column, day, money } from '../xlsx/audit-workbook';
import { ExportContext, subtitle } from './export-context';

const FUND_TYPE: Record<string, string> = { restricted: '专项', unrestricted: '非专项' };

/** 收 / 付 / 转 within a day, then 记 (voucher-type.ts), as `GET …/ledger` orders them too. */
const TYPE_ORDER = voucherTypeRank('v.voucher_type');

/** 凭证序时簿: every posted voucher line of the months, by date, then 收 / 付 / 转, then number, with the totals. */
export async function writeVoucherJournal(book: AuditWorkbook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const columns: Column[] = [
    { header: '日期', width: 11, type: 'date' },
    { header: '凭证号', width: 15, type: 'text' },
    { header: '行', width: 5, type: 'int' },
    { header: '摘要', width: 30, type: 'text' },
    { header: '科目编码', width: 11, type: 'text' },
    { header: '科目名称', width: 18, type: 'text' },
    { header: '借方金额', width: 15, type: 'money' },
    { header: '贷方金额', width: 15, type: 'money' },
    { header: '项目', width: 10, type: 'text' },
    { header: '资金性质', width: 8, type: 'text' },
    { header: '制单', width: 10, type: 'text' },
    { header: '审核记账', width: 10, type: 'text' },
  ];
  const sheet = book.sheet({ name: '凭证序时簿', title: '凭证序时簿', subtitle: subtitle(ctx), columns });
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  const rows = snap.cursor<Record<string, string>>(
    `SELECT to_char(v.voucher_date, 'YYYY-MM-DD') AS date, v.voucher_type AS type, v.period, v.number, l.line_no, l.summary,
            l.account_code, a.name AS account_name, l.debit, l.credit, l.project_code, l.fund_type, v.preparer, v.posted_by
       FROM vouchers v JOIN voucher_lines l ON l.union_id = v.union_id AND l.voucher_id = v.id
       JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
      WHERE v.union_id = $1 AND v.period BETWEEN $2 AND $3
      ORDER BY v.voucher_date, ${TYPE_ORDER}, v.number, l.line_no`,
    [ctx.unionId, ctx.from, ctx.to],
  );
  for await (const r of rows) {
    debit = debit.plus(r.debit);
    credit = credit.plus(r.credit);
    await sheet.add([
      day(r.date),
      formatVoucherNumber(r.type as VoucherType, Number(r.period), Number(r.number)),
      Number(r.line_no),
      r.summary,
      r.account_code,
      r.account_name,
      nonZero(r.debit),
      nonZero(r.credit),
      r.project_code,
      r.fund_type ? FUND_TYPE[r.fund_type] : null,
      r.preparer,
      r.posted_by,
    ]);
    ctx.progress(1);
  }
  await sheet.add([null, '合计', null, null, null, null, debit.toNumber(), credit.toNumber(), null, null, null, null], { bold: true });
  await sheet.end();
}

/**
 * 明细账 (or, for 101 and 102, 现金日记账 / 银行存款日记账): per leaf account its opening balance, every line
 * by date with the running balance, after each month's lines its 本月合计 and 本年累计, and its closing
 * balance — the figures of GET …/ledger?account=<leaf>.
 */
export async function writeLedgers(
  book: AuditWorkbook,
  snap: Snapshot,
  ctx: ExportContext,
  opts: { name: string; title: string; root?: string },
): Promise<void> {
  const columns: Column[] = [
    { header: '科目编码', width: 11, type: 'text' },
    { header: '科目名称', width: 18, type: 'text' },
    { header: '日期', width: 11, type: 'date' },
    { header: '凭证号', width: 15, type: 'text' },
    { header: '摘要', width: 30, type: 'text' },
    { header: '借方金额', width: 15, type: 'money' },
    { header: '贷方金额', width: 15, type: 'money' },
    { header: '方向', width: 6, type: 'text' },
    { header: '余额', width: 16, type: 'money' },
  ];
  const sheet = book.sheet({ name: opts.name, title: opts.title, subtitle: subtitle(ctx), columns });
  const balances = new BalancesRepository();
  const chart = await balances.chart(snap.manager, ctx.unionId);
  const names = new Map(chart.map((a) => [a.code, a.name]));
  const leaves = chart.filter((a) => a.isLeaf && (!opts.root || a.code.startsWith(opts.root))).map((a) => a.code);
  const figures = await balances.leafFigures(snap.manager, ctx.unionId, ctx.from, ctx.to, leaves);

  const yearStart = Math.floor(ctx.from / 100) * 100 + 1;
  const monthly = await monthlyActivity(snap, ctx.unionId, leaves, yearStart, ctx.to);
  let current: string | null = null;
  let month: number | null = null;
  let running = new Decimal(0);
  const monthEnd = async (code: string, period: number) => {
    const m = monthly.get(code)!;
    const own = m.get(period)!;
    let yearDebit = new Decimal(0);
    let yearCredit = new Decimal(0);
    for (const [p, a] of m) {
      if (Math.floor(p / 100) === Math.floor(period / 100) && p <= period) {
        yearDebit = yearDebit.plus(a.debit);
        yearCredit = yearCredit.plus(a.credit);
      }
    }
    const b = balanceDirection(running);
    const name = names.get(code) ?? '';
    await sheet.add([code, name, day(lastDayOf(period)), null, '本月合计', own.debit.toNumber(), own.credit.toNumber(), b.direction, b.amount.toNumber()], { bold: true });
    await sheet.add([code, name, day(lastDayOf(period)), null, '本年累计', yearDebit.toNumber(), yearCredit.toNumber(), b.direction, b.amount.toNumber()], { bold: true });
  };
  const close = async (code: string) => {
    const f = figures.get(code)!;
    const b = balanceDirection(f.closing);
    await sheet.add([code, names.get(code) ?? '', null, null, '期末余额', f.debit.toNumber(), f.credit.toNumber(), b.direction, b.amount.toNumber()], { bold: true });
  };
  const open = async (code: string) => {
    const f = figures.get(code)!;
    running = f.opening;
    const b = balanceDirection(running);
    await sheet.add([code, names.get(code) ?? '', day(firstDayOf(ctx.from)), null, '期初余额', null, null, b.direction, b.amount.toNumber()], { bold: true });
  };
  const lines = snap.cursor<Record<string, string>>(
    `SELECT l.account_code, to_char(l.voucher_date, 'YYYY-MM-DD') AS date, ledger_period_of(l.voucher_date) AS month,
            v.voucher_type AS type, v.period, v.number, l.summary, l.debit, l.credit
       FROM voucher_lines l JOIN vouchers v ON v.union_id = l.union_id AND v.id = l.voucher_id
      WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
      ORDER BY l.account_code, l.voucher_date, ${TYPE_ORDER}, v.number, l.line_no`,
    [ctx.unionId, leaves, firstDayOf(ctx.from), lastDayOf(ctx.to)],
  );
  // accounts without lines in the months still show, when they carry a balance
  const quiet = leaves.filter((c) => !figures.get(c)?.opening.isZero());
  const shown = new Set<string>();
  const flushQuietBefore = async (code: string | null) => {
    while (quiet.length && (code === null || quiet[0] < code)) {
      const q = quiet.shift()!;
      if (shown.has(q) || q === code) continue;
      shown.add(q);
      await open(q);
      await close(q);
    }
  };
  for await (const r of lines) {
    if (current && month !== null && (r.account_code !== current || Number(r.month) !== month)) await monthEnd(current, month);
    month = Number(r.month);
    if (r.account_code !== current) {
      if (current) await close(current);
      await flushQuietBefore(r.account_code);
      current = r.account_code;
      shown.add(current);
      await open(current);
    }
    running = running.plus(r.debit).minus(r.credit);
    const b = balanceDirection(running);
    await sheet.add([
      current,
      names.get(current) ?? '',
      day(r.date),
      formatVoucherNumber(r.type as VoucherType, Number(r.period), Number(r.number)),
      r.summary,
      nonZero(r.debit),
      nonZero(r.credit),
      b.direction,
      b.amount.toNumber(),
    ]);
    ctx.progress(1);
  }
  if (current && month !== null) await monthEnd(current, month);
  if (current) await close(current);
  await flushQuietBefore(null);
  await sheet.end();
}

function nonZero(v: string): number | null {
  return new Decimal(v).isZero() ? null : money(v);
}

/** Per leaf and month (yyyymm), the posted debit and credit — for 本月合计 and 本年累计, as GET …/ledger sums them. */
async function monthlyActivity(
  snap: Snapshot,
  unionId: string,
  leaves: string[],
  from: number,
  to: number,
): Promise<Map<string, Map<number, { debit: Decimal; credit: Decimal }>>> {
  const rows = await snap.query<{ code: string; period: number; debit: string; credit: string }>(
    `SELECT l.account_code AS code, ledger_period_of(l.voucher_date) AS period, sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM voucher_lines l
      WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [unionId, leaves, firstDayOf(from), lastDayOf(to)],
  );
  const out = new Map<string, Map<number, { debit: Decimal; credit: Decimal }>>();
  for (const r of rows) {
    if (!out.has(r.code)) out.set(r.code, new Map());
    out.get(r.code)!.set(Number(r.period), { debit: new Decimal(r.debit), credit: new Decimal(r.credit) });
  }
  return out;
}
