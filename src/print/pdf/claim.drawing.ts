import Decimal from 'decimal.js';
import type { ClaimResponse } from '../../claims/dto/claim-response.dto';
import { FormCell, FormDoc } from './form-doc';
import { RED, shownAmount } from './pdf-canvas';

/** Who takes each step of a claim's workflow (docs/claims.md): the role printed beside the name. */
const STEP_ROLE: Record<string, string> = {
  create: '经办人',
  edit: '经办人',
  submit: '经办人',
  withdraw: '经办人',
  approve: '工会主席（审批）',
  reject: '工会主席（审批）',
  review: '中心会计（审核）',
  return: '中心会计（审核）',
  check: '凭证复核',
  cancel: '经办人',
  pay: '出纳',
  post: '中心会计（记账）',
  migrate: '系统',
};
const PAYEE_KIND: Record<string, string> = { bank: '转账', cash: '现金' };
const FUND_TYPE: Record<string, string> = { restricted: '限定性', unrestricted: '非限定性' };

export interface ClaimPrint {
  claim: ClaimResponse;
  unitName: string;
  centerName: string;
  expenseAccountName: string | null;
  /** Instants as the reader's wall clock (LEDGER_TIMEZONE). */
  local: (iso: string) => string;
  printedAt: string;
}

const money = (s: string) => shownAmount(new Decimal(s));

/**
 * 支出审批单: what the union spends and why, who approved it and when, what the center checked, and how it
 * was paid — one claim on A4, its history step by step, a rejection or a failing rule in red.
 */
export async function drawClaim(p: ClaimPrint): Promise<{ pdf: Buffer; pages: number }> {
  const c = p.claim;
  const form = new FormDoc('工会经费支出审批单', [
    `单位：${p.unitName}（${p.centerName}集中核算）`,
    `单号：${c.number}    业务日期：${c.eventDate}    状态：${c.statusLabel}    金额单位：元`,
  ], { author: p.centerName });
  const pair = (a: string, b: string, d: string, e: string): FormCell[] => [
    { text: a, w: 0.16 },
    { text: b, w: 0.34 },
    { text: d, w: 0.16 },
    { text: e, w: 0.34 },
  ];
  form.table([{ text: '基本信息', w: 1, align: 'center' }]);
  form.row(pair('经办人', c.createdBy, '支出类别', c.kindLabel));
  form.row([{ text: '事由', w: 0.16 }, { text: c.purpose, w: 0.84 }], { h: 24 });
  form.row(pair('列支科目', `${c.expenseAccount} ${p.expenseAccountName ?? ''}`.trim(), '资金性质', `${FUND_TYPE[c.fundType] ?? c.fundType}${c.project ? `（项目 ${c.project}）` : ''}`));
  form.row(pair('收款人', c.payeeDetails.name, '支付方式', PAYEE_KIND[c.payeeDetails.kind] ?? c.payeeDetails.kind));
  form.row(pair('开户银行', c.payeeDetails.bank ?? '', '账号', c.payeeDetails.account ?? ''));
  form.endTable();

  form.gap(6);
  form.table([
    { text: '序号', w: 0.08, align: 'center' },
    { text: '明细', w: 0.44, align: 'center' },
    { text: '数量', w: 0.12, align: 'center' },
    { text: '单价', w: 0.16, align: 'center' },
    { text: '金额', w: 0.2, align: 'center' },
  ]);
  for (const l of c.lines) {
    form.row([
      { text: String(l.lineNo), w: 0.08, align: 'center' },
      { text: l.description, w: 0.44 },
      { text: l.quantity, w: 0.12, align: 'right' },
      { text: money(l.unitPrice), w: 0.16, align: 'right' },
      { text: money(l.amount), w: 0.2, align: 'right' },
    ]);
  }
  form.row([{ text: `合计（大写）：${c.amountInWords}`, w: 0.8 }, { text: money(c.amount), w: 0.2, align: 'right' }], { fill: '#f2f2f2', h: 18 });
  form.endTable();
  form.text(`附单据 ${c.attachments.length} 张${c.attachments.length ? `：${c.attachments.map((a) => a.kindLabel + (a.invoiceNumber ? ` ${a.invoiceNumber}` : '')).join('、')}` : ''}`, { size: 8.5 });

  if (c.beneficiaries.length > 0) {
    form.gap(4);
    form.text(`受益会员（${c.beneficiaries.length} 人）`, { size: 9.5 });
    form.table([
      { text: '会员编号', w: 0.25, align: 'center' },
      { text: '姓名', w: 0.45, align: 'center' },
      { text: '分摊金额', w: 0.3, align: 'center' },
    ]);
    for (const b of c.beneficiaries) form.row([{ text: b.member, w: 0.25 }, { text: b.name, w: 0.45 }, { text: money(b.share), w: 0.3, align: 'right' }]);
    form.endTable();
  }

  form.gap(4);
  form.text(c.committee ? `集体研究决定：${c.committee.date} ${c.committee.minutesRef}` : '集体研究决定：无（金额未达中心规定须集体研究的标准，或尚未审批）', { size: 9 });

  form.gap(4);
  form.text('审核规则', { size: 9.5 });
  if (c.compliance) {
    form.table([
      { text: '规则', w: 0.3, align: 'center' },
      { text: '结果', w: 0.1, align: 'center' },
      { text: '说明', w: 0.6, align: 'center' },
    ]);
    for (const r of c.compliance.results) {
      const failed = !r.passed && !r.advisory;
      form.row([
        { text: r.title, w: 0.3 },
        { text: r.passed ? '通过' : r.advisory ? '提示' : '未通过', w: 0.1, align: 'center', color: failed ? RED : undefined },
        { text: r.message, w: 0.6, color: failed ? RED : undefined },
      ], { h: 20 });
    }
    form.endTable();
    form.text(`适用规则集：${c.compliance.ruleSet.name}`, { size: 8.5 });
  } else {
    form.text(rulesRecorded(c), { size: 8.5 });
  }

  form.gap(6);
  form.text('审批记录', { size: 9.5 });
  form.table([
    { text: '步骤', w: 0.15, align: 'center' },
    { text: '经手人', w: 0.15, align: 'center' },
    { text: '角色', w: 0.18, align: 'center' },
    { text: '时间', w: 0.2, align: 'center' },
    { text: '意见、理由', w: 0.32, align: 'center' },
  ]);
  for (const e of c.history) {
    const refused = e.action === 'reject' || e.action === 'return' || e.action === 'cancel';
    form.row([
      { text: e.actionLabel, w: 0.15, color: refused ? RED : undefined },
      { text: e.actor, w: 0.15 },
      { text: STEP_ROLE[e.action] ?? '', w: 0.18 },
      { text: p.local(e.at), w: 0.2 },
      { text: e.comment ?? '', w: 0.32, color: refused ? RED : undefined },
    ], { h: 20 });
  }
  form.endTable();

  form.gap(6);
  const review = [...c.history].reverse().find((e) => e.action === 'review');
  const check = [...c.history].reverse().find((e) => e.action === 'check');
  form.text(`中心审核：${review ? `${review.actor} ${p.local(review.at)}${review.comment ? ` ${review.comment}` : ''} 审核通过并制单` : '尚未审核'}`, { size: 9 });
  if (check) form.text(`凭证复核：${check.actor} ${p.local(check.at)}`, { size: 9 });
  if (c.payment) form.text(`付款：${c.payment.date}${c.payment.bankReference ? `，银行流水号 ${c.payment.bankReference}` : ''}`, { size: 9 });
  form.text(`付款凭证：${c.voucher?.number ?? (c.voucher ? '已编制，尚未记账' : '无')}`, { size: 9 });
  form.gap(14);
  form.text('经办人签字：＿＿＿＿      工会主席签字：＿＿＿＿      中心审核：＿＿＿＿      出纳：＿＿＿＿', { h: 20 });
  form.text(`打印时间：${p.printedAt}`, { size: 8 });
  return form.close();
}

/** After payment (or a refusal) the rules are not evaluated again: what the history recorded of them. */
function rulesRecorded(c: ClaimResponse): string {
  const review = [...c.history].reverse().find((e) => e.action === 'review' && e.details?.ruleSet);
  if (review) {
    const rules = Array.isArray(review.details!.rules) ? (review.details!.rules as unknown[]).length : 0;
    return `中心审核时适用规则集“${String(review.details!.ruleSet)}”，${rules} 条规则全部通过。`;
  }
  const submit = [...c.history].reverse().find((e) => e.action === 'submit' && e.details?.ruleSet);
  if (submit) return `提交时适用规则集“${String(submit.details!.ruleSet)}”，全部规则通过；此后未再审核。`;
  return '未提交，尚无规则结果。';
}
