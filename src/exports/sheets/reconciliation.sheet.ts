import Decimal from 'decimal.js';
import { BankAccountsRepository } from '../../banking/accounts/bank-accounts.repository';
import { reconcile } from '../../banking/domain/reconciliation.rules';
import { MatchesRepository } from '../../banking/reconciliation/matches.repository';
import { ReconciliationRepository } from '../../banking/reconciliation/reconciliation.repository';
import { StatementsRepository } from '../../banking/statements/statements.repository';
import { sum } from '../../common/money/amount';
import { Snapshot } from '../snapshot';
import { TableBook, day, money } from '../xlsx/audit-workbook';
import { lastDayOf } from './export-context';

const KINDS = [
  ['bankInNotBook', '银行已收企业未收'],
  ['bankOutNotBook', '银行已付企业未付'],
  ['bookInNotBank', '企业已收银行未收'],
  ['bookOutNotBank', '企业已付银行未付'],
] as const;

/**
 * 银行存款余额调节表 of every pooled account of the center at the end of the pack's last month, and its
 * reconciling items line by line: the same figures as `GET …/reconciliation`, read in the pack's snapshot.
 */
export async function writeReconciliation(book: TableBook, snap: Snapshot, ctx: { centerId: string; to: number; zone: string }): Promise<void> {
  const em = snap.manager;
  const date = lastDayOf(ctx.to);
  const accounts = (await new BankAccountsRepository().list(em, ctx.centerId)).filter((a) => a.status === 'active');
  const table = book.sheet({
    name: '银行存款余额调节表',
    title: '银行存款余额调节表',
    subtitle: `截至 ${date}    金额单位：元`,
    columns: [
      { header: '开户银行', width: 18, type: 'text' },
      { header: '账号', width: 22, type: 'text' },
      { header: '企业账面余额', width: 16, type: 'money' },
      ...KINDS.map(([, label]) => ({ header: `加减：${label}`, width: 16, type: 'money' as const })),
      { header: '调节后企业余额', width: 16, type: 'money' },
      { header: '银行对账单余额', width: 16, type: 'money' },
      { header: '调节后银行余额', width: 16, type: 'money' },
      { header: '是否相符', width: 8, type: 'text' },
      { header: '已签认至', width: 11, type: 'date' },
    ],
  });
  const items = book.sheet({
    name: '未达账项',
    title: '未达账项明细',
    subtitle: `截至 ${date}    金额单位：元`,
    columns: [
      { header: '账号', width: 22, type: 'text' },
      { header: '类别', width: 16, type: 'text' },
      { header: '日期', width: 11, type: 'date' },
      { header: '金额', width: 14, type: 'money' },
      { header: '工会编码', width: 22, type: 'text' },
      { header: '凭证', width: 18, type: 'text' },
      { header: '流水号', width: 20, type: 'text' },
      { header: '摘要', width: 28, type: 'text' },
    ],
  });
  const matches = new MatchesRepository();
  const statements = new StatementsRepository();
  for (const a of accounts) {
    const positions = await new BankAccountsRepository().position(em, ctx.centerId, a.id, date, ctx.zone);
    const bank = await statements.balanceAt(em, ctx.centerId, a.id, date);
    const r = reconcile(
      sum(positions.map((p) => p.balance)),
      bank?.balance ?? (a.openedOn !== null && a.openedOn <= date ? a.openingBalance! : sum([])),
      await matches.unsettledStatement(em, ctx.centerId, a.id, date),
      await matches.unsettledBook(em, ctx.centerId, a.id, date),
    );
    const signed = await new ReconciliationRepository().last(em, ctx.centerId, a.id);
    const total = (ls: { amount: Decimal }[]) => money(sum(ls.map((l) => l.amount)).toFixed(2));
    await table.add([
      a.bankName, a.accountNo, money(r.bookBalance.toFixed(2)), ...KINDS.map(([k]) => total(r[k])), money(r.adjustedBook.toFixed(2)),
      money(r.statementBalance.toFixed(2)), money(r.adjustedStatement.toFixed(2)), r.agrees ? '相符' : '不符', day(signed?.throughDate ?? null),
    ]);
    for (const [k, label] of KINDS) {
      for (const l of r[k]) {
        const b = 'unionCode' in l ? l : null;
        await items.add([a.accountNo, label, day(l.date), money(l.amount.toFixed(2)), b?.unionCode ?? null, b?.voucherNo ?? null, l.reference, l.summary]);
      }
    }
  }
  await table.end();
  await items.end();
}
