import Decimal from 'decimal.js';
import { formatPeriod, periodsBetween } from '../../common/period';
import { BalancesRepository } from '../../ledger/balances/balances.repository';
import { balanceDirection, buildTrialBalance } from '../../ledger/domain/trial-balance.rules';
import { Snapshot } from '../snapshot';
import { TableBook, Column } from '../xlsx/audit-workbook';
import { ExportContext, subtitle } from './export-context';

const n = (d: Decimal) => d.toNumber();

/** 科目余额表: the same rows and totals as GET …/trial-balance for the months (the same pure function builds both). */
export async function writeTrialBalance(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const columns: Column[] = [
    { header: '科目编码', width: 12, type: 'text' },
    { header: '科目名称', width: 24, type: 'text', indent: true },
    { header: '级次', width: 5, type: 'int' },
    { header: '期初借方', width: 15, type: 'money' },
    { header: '期初贷方', width: 15, type: 'money' },
    { header: '本期借方', width: 15, type: 'money' },
    { header: '本期贷方', width: 15, type: 'money' },
    { header: '期末借方', width: 15, type: 'money' },
    { header: '期末贷方', width: 15, type: 'money' },
  ];
  const sheet = book.sheet({ name: '科目余额表', title: '科目余额表', subtitle: subtitle(ctx), columns });
  const balances = new BalancesRepository();
  const chart = await balances.chart(snap.manager, ctx.unionId);
  const tb = buildTrialBalance(chart, await balances.leafFigures(snap.manager, ctx.unionId, ctx.from, ctx.to), { includeZero: false });
  for (const r of tb.rows) {
    await sheet.add([r.code, r.name, r.level, n(r.openingDebit), n(r.openingCredit), n(r.debit), n(r.credit), n(r.closingDebit), n(r.closingCredit)], { level: r.level });
  }
  const t = tb.totals;
  await sheet.add(['合计', null, null, n(t.openingDebit), n(t.openingCredit), n(t.debit), n(t.credit), n(t.closingDebit), n(t.closingCredit)], { bold: true });
  ctx.progress(tb.rows.length);
  await sheet.end();
}

/** 总账: per level-1 account its opening balance, then month by month 本月合计 and 本年累计 with the balance. */
export async function writeGeneralLedger(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const columns: Column[] = [
    { header: '科目编码', width: 10, type: 'text' },
    { header: '科目名称', width: 18, type: 'text' },
    { header: '期间', width: 9, type: 'text' },
    { header: '摘要', width: 12, type: 'text' },
    { header: '借方金额', width: 16, type: 'money' },
    { header: '贷方金额', width: 16, type: 'money' },
    { header: '方向', width: 6, type: 'text' },
    { header: '余额', width: 16, type: 'money' },
  ];
  const sheet = book.sheet({ name: '总账', title: '总账', subtitle: subtitle(ctx), columns });
  const balances = new BalancesRepository();
  const chart = await balances.chart(snap.manager, ctx.unionId);
  const months = periodsBetween(ctx.from, ctx.to);
  const byMonth = [];
  for (const p of months) {
    const tb = buildTrialBalance(chart, await balances.leafFigures(snap.manager, ctx.unionId, p, p), { includeZero: true });
    byMonth.push(new Map(tb.rows.filter((r) => r.level === 1).map((r) => [r.code, r])));
  }
  const yearStart = Math.floor(ctx.from / 100) * 100 + 1;
  const earlier = yearStart < ctx.from ? buildTrialBalance(chart, await balances.leafFigures(snap.manager, ctx.unionId, yearStart, ctx.from - 1), { includeZero: true }) : null;
  const signed = (debit: Decimal, credit: Decimal) => debit.minus(credit);
  for (const account of chart.filter((a) => a.level === 1)) {
    const rows = byMonth.map((m) => m.get(account.code)!);
    const active = rows.some((r) => !r.debit.isZero() || !r.credit.isZero() || !r.openingDebit.isZero() || !r.openingCredit.isZero());
    if (!active) continue;
    const opening = balanceDirection(signed(rows[0].openingDebit, rows[0].openingCredit));
    await sheet.add([account.code, account.name, formatPeriod(ctx.from), '期初余额', null, null, opening.direction, n(opening.amount)], { bold: true });
    const before = earlier?.rows.find((r) => r.code === account.code);
    let yearDebit = before?.debit ?? new Decimal(0);
    let yearCredit = before?.credit ?? new Decimal(0);
    for (const [i, r] of rows.entries()) {
      if (i > 0 && months[i] % 100 === 1) {
        yearDebit = new Decimal(0);
        yearCredit = new Decimal(0);
      }
      yearDebit = yearDebit.plus(r.debit);
      yearCredit = yearCredit.plus(r.credit);
      const closing = balanceDirection(signed(r.closingDebit, r.closingCredit));
      await sheet.add([account.code, account.name, formatPeriod(months[i]), '本月合计', n(r.debit), n(r.credit), closing.direction, n(closing.amount)]);
      await sheet.add([account.code, account.name, formatPeriod(months[i]), '本年累计', n(yearDebit), n(yearCredit), closing.direction, n(closing.amount)]);
    }
    ctx.progress(rows.length);
  }
  await sheet.end();
}
