import Decimal from 'decimal.js';
import { amountInWords } from '../../common/money/amount-in-words';
import { formatVoucherNumber, VOUCHER_TYPE_LABEL, VoucherType } from '../../ledger/domain/voucher-type';

/** How a voucher is printed: A4 with two vouchers a page, or on 凭证纸 240×140 mm, one a sheet. */
export const PrintLayouts = ['a4', 'paper'] as const;
export type PrintLayout = (typeof PrintLayouts)[number];

/** Rows of lines one printed voucher holds (the common 6-row 记账凭证 form); longer vouchers run on with 分数编号. */
export const ROWS_PER_SHEET = 6;

export interface PrintLine {
  summary: string;
  accountCode: string;
  /** Full name, every level: 工会业务支出—会员活动费. */
  accountPath: string;
  debit: Decimal;
  credit: Decimal;
}

/** A posted voucher as it is printed, with the people who did it. */
export interface PrintVoucher {
  type: VoucherType;
  period: number;
  number: number;
  date: string;
  red: boolean;
  attachmentCount: number;
  lines: PrintLine[];
  /** 会计主管 (the center's setting), 记账 (who posted), 审核, 出纳, 制单. */
  chiefAccountant: string | null;
  bookkeeper: string | null;
  reviewer: string | null;
  cashier: string | null;
  preparer: string | null;
}

/** One printed sheet of a voucher: its rows and, on the last sheet, the totals. */
export interface VoucherSheet {
  title: string;
  number: string;
  /** 分数编号: "1/2" when a voucher runs to two sheets, null when it fits on one. */
  fraction: string | null;
  date: string;
  attachments: string;
  red: boolean;
  rows: { summary: string; account: string; debit: Decimal | null; credit: Decimal | null }[];
  /** On the last sheet only: 合计 and its 大写; earlier sheets say the voucher continues. */
  total: { debit: Decimal; credit: Decimal; words: string } | null;
  signatures: [string, string][];
}

const TITLES: Record<VoucherType, string> = { general: '记账凭证', receipt: '收款凭证', payment: '付款凭证', transfer: '转账凭证' };

/** 2026-03-05 as printed on a voucher: 2026 年 03 月 05 日. */
export function printedDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${y} 年 ${m} 月 ${d} 日`;
}

/** The sheets a voucher prints on, in order; every line on exactly one sheet, the totals on the last. */
export function voucherSheets(v: PrintVoucher, rowsPerSheet = ROWS_PER_SHEET): VoucherSheet[] {
  const count = Math.max(1, Math.ceil(v.lines.length / rowsPerSheet));
  const debit = v.lines.reduce((s, l) => s.plus(l.debit), new Decimal(0));
  const credit = v.lines.reduce((s, l) => s.plus(l.credit), new Decimal(0));
  const signatures: [string, string][] = [
    ['会计主管', v.chiefAccountant ?? ''],
    ['记账', v.bookkeeper ?? ''],
    ['审核', v.reviewer ?? ''],
    ['出纳', v.cashier ?? ''],
    ['制单', v.preparer ?? ''],
  ];
  const sheets: VoucherSheet[] = [];
  for (let i = 0; i < count; i++) {
    const lines = v.lines.slice(i * rowsPerSheet, (i + 1) * rowsPerSheet);
    sheets.push({
      title: v.red ? `${TITLES[v.type]}（红字）` : TITLES[v.type],
      number: formatVoucherNumber(v.type, v.period, v.number),
      fraction: count > 1 ? `${i + 1}/${count}` : null,
      date: printedDate(v.date),
      attachments: `附单据 ${v.attachmentCount} 张`,
      red: v.red,
      rows: lines.map((l) => ({
        summary: l.summary,
        account: `${l.accountCode} ${l.accountPath}`,
        debit: l.debit.isZero() ? null : l.debit,
        credit: l.credit.isZero() ? null : l.credit,
      })),
      total: i === count - 1 ? { debit, credit, words: amountInWords(debit) } : null,
      signatures,
    });
  }
  return sheets;
}

/** What the binding cover of a month's vouchers says about each voucher type in it. */
export interface CoverTypeFacts {
  type: VoucherType;
  count: number;
  first: number;
  last: number;
  attachments: number;
}

export interface VoucherCover {
  title: string;
  rows: [string, string][];
}

/** 凭证封面 (会计基础工作规范 第五十五条): unit, period, type, number range, how many vouchers and attachments. */
export function voucherCover(c: { unitName: string; unitCode: string; period: number; types: CoverTypeFacts[]; printedAt: string; chiefAccountant: string | null }): VoucherCover {
  const y = Math.floor(c.period / 100);
  const m = String(c.period % 100).padStart(2, '0');
  const kinds = c.types.map((t) => TITLES[t.type]).join('、') || '（无）';
  const ranges = c.types.map((t) => `${formatVoucherNumber(t.type, c.period, t.first)} 至 ${formatVoucherNumber(t.type, c.period, t.last)}`).join('；') || '（本期无凭证）';
  const count = c.types.reduce((s, t) => s + t.count, 0);
  const attachments = c.types.reduce((s, t) => s + t.attachments, 0);
  return {
    title: '会计凭证封面',
    rows: [
      ['单位名称', `${c.unitName}（${c.unitCode}）`],
      ['所属期间', `${y} 年 ${m} 月`],
      ['凭证种类', kinds],
      ['凭证号起止', ranges],
      ['凭证张数', `共 ${count} 张（${c.types.map((t) => `${VOUCHER_TYPE_LABEL[t.type]}字 ${t.count} 张`).join('，') || '无'}）`],
      ['附件张数', `共 ${attachments} 张`],
      ['会计主管', c.chiefAccountant ?? ''],
      ['装订人', ''],
      ['打印时间', c.printedAt],
    ],
  };
}
