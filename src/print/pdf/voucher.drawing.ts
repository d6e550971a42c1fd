import { VoucherCover, VoucherSheet } from '../domain/voucher-sheet';
import { BLACK, Doc, fitText, GRID, RED, shownAmount } from './pdf-canvas';

/** Column widths of the voucher table, as shares of its width: 摘要, 会计科目, 借方金额, 贷方金额. */
const COLUMNS = [0.27, 0.41, 0.16, 0.16];

/**
 * One printed 记账凭证 in the box (x, y, w, h): title, unit, date, number with 分数编号 and 附单据, the table of
 * lines (amounts right-aligned in their columns), 合计 with 大写 on the last sheet, the signature row. A red-ink
 * voucher prints its title, amounts and frame in red.
 */
export function drawVoucherSheet(doc: Doc, s: VoucherSheet, unit: string, box: { x: number; y: number; w: number; h: number }, rows: number): void {
  const pad = 16;
  const x = box.x + pad;
  const w = box.w - 2 * pad;
  let y = box.y + pad;
  const ink = s.red ? RED : BLACK;

  fitText(doc, s.title, x, y, w, 22, { size: 15, align: 'center', color: ink });
  doc.moveTo(x + w / 2 - 60, y + 21).lineTo(x + w / 2 + 60, y + 21).lineWidth(0.8).strokeColor(ink).stroke();
  y += 26;
  fitText(doc, `单位：${unit}`, x, y, w * 0.42, 14, { size: 8.5, min: 6, pad: 0 });
  fitText(doc, s.date, x + w * 0.36, y, w * 0.28, 14, { size: 8.5, align: 'center', pad: 0 });
  const no = `${s.number}${s.fraction ? `  (${s.fraction})` : ''}`;
  fitText(doc, `凭证号：${no}`, x + w * 0.6, y, w * 0.4, 14, { size: 8.5, min: 6, align: 'right', pad: 0, color: ink });
  y += 16;

  const footer = 18;
  const header = 18;
  const rowH = Math.min(26, (box.y + box.h - pad - footer - y - header) / (rows + 1));
  const xs = [x];
  for (const share of COLUMNS) xs.push(xs[xs.length - 1] + share * w);
  const tableTop = y;

  // header
  ['摘    要', '会 计 科 目', '借方金额', '贷方金额'].forEach((t, i) => fitText(doc, t, xs[i], y, xs[i + 1] - xs[i], header, { size: 9, align: 'center' }));
  y += header;
  for (let r = 0; r < rows; r++) {
    const row = s.rows[r];
    if (row) {
      fitText(doc, row.summary, xs[0], y, xs[1] - xs[0], rowH, { size: 8.5, min: 6 });
      fitText(doc, row.account, xs[1], y, xs[2] - xs[1], rowH, { size: 8.5, min: 6 });
      amount(doc, row.debit, xs[2], y, xs[3] - xs[2], rowH);
      amount(doc, row.credit, xs[3], y, xs[4] - xs[3], rowH);
    }
    y += rowH;
  }
  // 合计 row: 大写 on the last sheet, "续下页" before it
  if (s.total) {
    fitText(doc, `合计（大写）：${s.total.words}`, xs[0], y, xs[2] - xs[0], rowH, { size: 8.5, min: 6, color: s.total.debit.isNegative() ? RED : BLACK });
    amount(doc, s.total.debit, xs[2], y, xs[3] - xs[2], rowH);
    amount(doc, s.total.credit, xs[3], y, xs[4] - xs[3], rowH);
  } else {
    fitText(doc, '（本凭证续下页）', xs[0], y, xs[2] - xs[0], rowH, { size: 8.5 });
  }
  y += rowH;

  // the grid
  doc.lineWidth(0.5).strokeColor(s.red ? RED : GRID);
  doc.rect(x, tableTop, w, y - tableTop).stroke();
  for (let i = 1; i < xs.length - 1; i++) doc.moveTo(xs[i], tableTop).lineTo(xs[i], y).stroke();
  for (let yy = tableTop + header, r = 0; r <= rows; r++, yy += rowH) doc.moveTo(x, yy).lineTo(x + w, yy).stroke();
  doc.strokeColor(BLACK);

  fitText(doc, s.attachments, x + w * 0.7, tableTop - 16 - 14, w * 0.3, 14, { size: 8.5, align: 'right', pad: 0 });
  y += 4;
  const cell = w / s.signatures.length;
  s.signatures.forEach(([role, name], i) => fitText(doc, `${role}：${name}`, x + i * cell, y, cell, 14, { size: 8.5, min: 6, pad: 0 }));
}

function amount(doc: Doc, v: VoucherSheet['rows'][number]['debit'], x: number, y: number, w: number, h: number): void {
  if (v === null) return;
  fitText(doc, shownAmount(v), x, y, w, h, { size: 9, min: 6, align: 'right', color: v.isNegative() ? RED : BLACK });
}

/** The binding cover: a titled two-column table filling the page. */
export function drawCover(doc: Doc, c: VoucherCover, box: { x: number; y: number; w: number; h: number }): void {
  const pad = 36;
  const x = box.x + pad;
  const w = box.w - 2 * pad;
  let y = box.y + pad;
  fitText(doc, c.title, x, y, w, 30, { size: 20, align: 'center' });
  y += 44;
  const rowH = Math.min(34, (box.y + box.h - pad - y) / c.rows.length);
  const split = x + w * 0.22;
  doc.lineWidth(0.6).strokeColor(GRID);
  for (const [label, value] of c.rows) {
    fitText(doc, label, x, y, split - x, rowH, { size: 11, align: 'center' });
    fitText(doc, value, split, y, x + w - split, rowH, { size: 11, min: 7 });
    doc.rect(x, y, w, rowH).stroke();
    doc.moveTo(split, y).lineTo(split, y + rowH).stroke();
    y += rowH;
  }
  doc.strokeColor(BLACK);
}
