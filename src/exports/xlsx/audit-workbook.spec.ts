import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditWorkbook, backlog } from './audit-workbook';

describe('AuditWorkbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-workbook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('relies on exceljs stream internals that are still there (the backpressure reads them)', async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'probe.xlsx') });
    const ws = wb.addWorksheet('s');
    ws.addRow(['x']).commit();
    expect(() => backlog([ws])).not.toThrow();
    ws.commit();
    await wb.commit();
  });

  it('writes titled, formatted sheets whose rows read back as written', async () => {
    const file = join(dir, 'book.xlsx');
    const book = new AuditWorkbook({ filename: file }, { title: 't', subject: 's', creator: '审计员', keywords: 'k', description: 'd' });
    const sheet = book.sheet({
      name: '明细账',
      title: '明细账',
      subtitle: '单位：测试',
      columns: [
        { header: '日期', width: 11, type: 'date' },
        { header: '摘要', width: 20, type: 'text' },
        { header: '金额', width: 14, type: 'money' },
      ],
    });
    for (let i = 0; i < 2_500; i++) await sheet.add([new Date(Date.UTC(2026, 0, 1 + (i % 28))), `第 ${i} 笔`, 1234.5 + i]);
    await sheet.add([null, '合计', 99.99], { bold: true });
    await sheet.end();
    await book.close();

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const ws = read.getWorksheet('明细账')!;
    expect([ws.getCell('A1').value, ws.getCell('A2').value, ws.getCell('B3').value]).toEqual(['明细账', '单位：测试', '摘要']);
    expect(ws.rowCount).toBe(3 + 2_501);
    expect([ws.getCell('C4').value, ws.getCell('C4').numFmt, ws.getCell('A4').numFmt]).toEqual([1234.5, '#,##0.00', 'yyyy-mm-dd']);
    expect(ws.getCell('A4').value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(ws.getCell(`B${3 + 2_501}`).font?.bold).toBe(true);
    expect(read.creator).toBe('审计员');
  });
});
