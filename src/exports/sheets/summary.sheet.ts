import Decimal from 'decimal.js';
import { MatchesRepository } from '../../banking/reconciliation/matches.repository';
import { formatPeriod } from '../../common/period';
import { Snapshot } from '../snapshot';
import { AuditWorkbook, Column, money } from '../xlsx/audit-workbook';
import { firstDayOf, lastDayOf } from './export-context';

export interface CenterSummaryContext {
  centerId: string;
  centerName: string;
  from: number;
  to: number;
}

/**
 * 汇总表: one row per union of the center — its bank share and what is free of it, income and spending of
 * the months, months not yet closed, its share's 未达账项 (book lines the bank has not shown by the last day),
 * claims the center sent back or refused. Read in the same snapshot as
 * the unions' packs beside it.
 */
export async function writeCenterSummary(book: AuditWorkbook, snap: Snapshot, ctx: CenterSummaryContext): Promise<void> {
  const columns: Column[] = [
    { header: '工会编码', width: 22, type: 'text' },
    { header: '工会名称', width: 26, type: 'text' },
    { header: '状态', width: 8, type: 'text' },
    { header: '集中户余额', width: 16, type: 'money' },
    { header: '已预留', width: 14, type: 'money' },
    { header: '可用资金', width: 16, type: 'money' },
    { header: '本期收入', width: 16, type: 'money' },
    { header: '本期支出', width: 16, type: 'money' },
    { header: '未结账月数', width: 10, type: 'int' },
    { header: '未达账项笔数', width: 10, type: 'int' },
    { header: '未达账项净额', width: 16, type: 'money' },
    { header: '被退回/驳回的报销', width: 12, type: 'int' },
  ];
  const range = `${formatPeriod(ctx.from)} 至 ${formatPeriod(ctx.to)}`;
  const sheet = book.sheet({ name: '汇总表', title: `${ctx.centerName} 各工会汇总表`, subtitle: `期间：${range}    金额单位：元`, columns });
  // the unions' own side of the bank's 未达账项 (企业已收/已付银行未收/未付) at the end of the last month; the
  // bank's side belongs to the pooled account, not to a union: it is on the sheets 银行存款余额调节表 and 未达账项
  const unsettled = await new MatchesRepository().unsettledByUnion(snap.manager, ctx.centerId, lastDayOf(ctx.to));
  const rows = snap.cursor<Record<string, string | number>>(
    `SELECT u.id, u.code, u.name, u.status, f.balance, f.reserved, f.balance - f.reserved AS available,
            (SELECT coalesce(sum(l.credit - l.debit), 0) FROM voucher_lines l
              WHERE l.union_id = u.id AND l.account_code LIKE '4%' AND l.voucher_date BETWEEN $2 AND $3) AS income,
            (SELECT coalesce(sum(l.debit - l.credit), 0) FROM voucher_lines l
              WHERE l.union_id = u.id AND l.account_code LIKE '5%' AND l.voucher_date BETWEEN $2 AND $3) AS spending,
            (SELECT count(*)::int FROM generate_series($2::date, $3::date, interval '1 month') m
              WHERE to_char(m, 'YYYYMM')::int >= u.first_period
                AND NOT EXISTS (SELECT 1 FROM periods p WHERE p.union_id = u.id AND p.status = 'closed'
                                  AND p.period = to_char(m, 'YYYYMM')::int)) AS open_months,
            (SELECT count(*)::int FROM claims c WHERE c.union_id = u.id AND c.event_date BETWEEN $2 AND $3
                AND (c.status IN ('returned', 'rejected'))) AS refused
       FROM unions u,
            LATERAL (SELECT coalesce(sum(x.balance), 0) AS balance, coalesce(sum(x.reserved), 0) AS reserved
                       FROM bank_account_shares s, ledger_funds(s.union_id, s.account_code) x WHERE s.union_id = u.id) f
      WHERE u.center_id = $1 ORDER BY u.code`,
    [ctx.centerId, firstDayOf(ctx.from), lastDayOf(ctx.to)],
  );
  const STATUS: Record<string, string> = { active: '正常', suspended: '暂停', withdrawn: '已退出' };
  for await (const r of rows) {
    await sheet.add([
      String(r.code), String(r.name), STATUS[String(r.status)] ?? String(r.status), money(String(r.balance)), money(String(r.reserved)), money(String(r.available)),
      money(String(r.income)), money(String(r.spending)), Number(r.open_months),
      unsettled.get(String(r.id))?.items ?? 0, money((unsettled.get(String(r.id))?.amount ?? new Decimal(0)).toFixed(2)), Number(r.refused),
    ]);
  }
  await sheet.end();
}
