import Decimal from 'decimal.js';
import type { ReconciliationForm } from '../domain/reconciliation-form';
import { FormDoc } from './form-doc';
import { RED, shownAmount } from './pdf-canvas';

const money = (d: Decimal) => shownAmount(d);
const ORDINAL = ['一', '二', '三', '四'];

/**
 * 银行存款余额调节表 on A4: the two-sided table (单位账面 | 银行对账单, each adjusted by the other side's
 * 未达账项), the result (相符, or the difference in red), the items group by group, then the signatures.
 */
export async function drawReconciliation(f: ReconciliationForm): Promise<{ pdf: Buffer; pages: number }> {
  const form = new FormDoc('银行存款余额调节表', [
    `编制单位：${f.unitName}`,
    `开户银行：${f.bankName}    账号：${f.accountNo}    户名：${f.accountName}`,
    `截至 ${f.date}    金额单位：元`,
  ], { author: f.unitName });
  const [bankIn, bankOut, bookIn, bookOut] = f.groups;
  const half = (label: string, amount: string) => [
    { text: label, w: 0.3 },
    { text: amount, w: 0.2, align: 'right' as const },
  ];
  form.table([...half('项目', '金额'), ...half('项目', '金额')].map((c) => ({ ...c, align: 'center' as const })), 20);
  form.row([...half('单位账面余额', money(f.bookBalance)), ...half('银行对账单余额', money(f.statementBalance))], { h: 20 });
  form.row([...half(`加：${bankIn.label}`, money(bankIn.total)), ...half(`加：${bookIn.label}`, money(bookIn.total))], { h: 20 });
  form.row([...half(`减：${bankOut.label}`, money(bankOut.total)), ...half(`减：${bookOut.label}`, money(bookOut.total))], { h: 20 });
  const color = f.agrees ? undefined : RED;
  form.row(
    [
      { text: '调节后的存款余额', w: 0.3 },
      { text: money(f.adjustedBook), w: 0.2, align: 'right', color },
      { text: '调节后的存款余额', w: 0.3 },
      { text: money(f.adjustedStatement), w: 0.2, align: 'right', color },
    ],
    { h: 20, fill: '#f2f2f2' },
  );
  form.endTable();
  form.gap(4);
  if (f.agrees) form.text('调节后余额相符。');
  else form.text(`调节后余额不符，差额 ${money(f.difference)} 元（单位调节后减银行调节后），请查明原因。`, { color: RED });
  form.text(f.statementDate ? `银行对账单余额取自对账单截至 ${f.statementDate} 的余额。` : '该日前尚无银行对账单，银行余额为开户余额。', { size: 8.5 });
  if (f.pendingProposals > 0) form.text(`另有 ${f.pendingProposals} 条自动勾对待确认，确认前其两边的行仍列为未达账项。`, { size: 8.5, color: RED });

  form.gap(8);
  form.text('未达账项明细', { size: 11, h: 20 });
  f.groups.forEach((g, i) => {
    form.gap(2);
    form.text(`${ORDINAL[i]}、${g.label}（${g.side === 'book' ? '调整单位账面' : '调整银行对账单'}，${g.sign}）：${g.items.length} 笔，合计 ${money(g.total)}`, { size: 9.5, h: 18 });
    if (g.items.length === 0) {
      form.text('无', { size: 8.5 });
      return;
    }
    form.table([
      { text: '日期', w: 0.13, align: 'center' },
      { text: '工会', w: 0.16, align: 'center' },
      { text: '凭证号', w: 0.15, align: 'center' },
      { text: '流水号', w: 0.14, align: 'center' },
      { text: '摘要', w: 0.26, align: 'center' },
      { text: '金额', w: 0.16, align: 'center' },
    ]);
    for (const it of g.items) {
      form.row([
        { text: it.date, w: 0.13 },
        { text: it.unionCode ?? '', w: 0.16 },
        { text: it.voucherNo ?? '', w: 0.15 },
        { text: it.reference ?? '', w: 0.14 },
        { text: it.text, w: 0.26 },
        { text: money(it.amount), w: 0.16, align: 'right' },
      ]);
    }
    form.row([{ text: '小计', w: 0.84, align: 'center' }, { text: money(g.total), w: 0.16, align: 'right' }], { fill: '#f2f2f2' });
    form.endTable();
  });

  form.gap(16);
  form.text(`会计主管：${f.chiefAccountant ?? '＿＿＿＿'}      复核（签认）：${f.reviewer ? `${f.reviewer.name}（${f.reviewer.at} 签认对账截至 ${f.reviewer.through}）` : '＿＿＿＿'}      编制：${f.preparer}`, { h: 20 });
  form.text(`编制日期：${f.printedAt}`, { size: 8.5 });
  return form.close();
}
