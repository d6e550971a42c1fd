import ExcelJS from 'exceljs';
import { ALLOCATION_KIND_CHOICES } from '../domain/allocation.rules';
import { MAX_ALLOCATION_ROWS } from './allocations.service';

const HEADERS: { header: string; width: number; note: string }[] = [
  { header: '工会编码', width: 24, note: '必填：工会在本中心的编码（统一社会信用代码）' },
  { header: '工会名称', width: 30, note: '选填：仅用于核对，须与编码对应的工会一致' },
  { header: '金额', width: 14, note: '必填：大于零，最多两位小数；各行合计须等于银行到账金额' },
  { header: '类型', width: 14, note: `选填：${ALLOCATION_KIND_CHOICES.join('、')}；不填为拨缴经费` },
  { header: '摘要', width: 30, note: '选填：最多 100 字' },
  { header: '项目编码', width: 14, note: '专项补助必填：工会账簿中的项目编码' },
];

/**
 * 分配模板: the headers the upload reads, an example row, a note on each header, and validation on the
 * type (a list) and amount (a positive decimal) columns, for the rows a batch may hold.
 */
export async function allocationTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'union-ledger';
  const sheet = book.addWorksheet('经费分配', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((h) => ({ header: h.header, width: h.width }));
  HEADERS.forEach((h, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.font = { bold: true };
    cell.note = h.note;
  });
  sheet.addRow(['91330100MA2XXXXX0X', '某某有限公司工会委员会', 12345.67, '拨缴经费', '2026年第一季度经费返还', '']);
  sheet.getColumn(3).numFmt = '#,##0.00';
  // one rule per column range (exceljs writes a range address as it is; its typings omit the collection),
  // not one per cell, which takes seconds for a few thousand rows
  const validations = (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  const last = MAX_ALLOCATION_ROWS + 1;
  validations.add(`C2:C${last}`, {
    type: 'decimal', operator: 'greaterThan', formulae: [0], allowBlank: true, showErrorMessage: true,
    errorTitle: '金额', error: '金额须大于零，最多两位小数',
  });
  validations.add(`D2:D${last}`, {
    type: 'list', formulae: [`"${ALLOCATION_KIND_CHOICES.join(',')}"`], allowBlank: true, showErrorMessage: true,
    errorTitle: '类型', error: `只能是 ${ALLOCATION_KIND_CHOICES.join('、')}`,
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
