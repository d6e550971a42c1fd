import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClock } from '../../common/period';
import { AuditWorkbook, backlog, cellValue, localTime } from './audit-workbook';

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
    const book = new AuditWorkbook({ filename: file }, { title: 't', subject: 's', creator: '审计员', keywords: 'k', description: 'd', timeZone: 'Asia/Shanghai' });
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
    expect([ws.getCell('C4').value, ws.getCell('C4').numFmt, ws.getCell('A4').numFmt]).toEqual([1234.5, '#,##0.00;[Red]-#,##0.00', 'yyyy-mm-dd']);
    expect(ws.getCell('A4').value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(ws.getCell(`B${3 + 2_501}`).font?.bold).toBe(true);
    expect(read.creator).toBe('审计员');
  });

  it('writes an instant as the wall-clock time of the ledger zone, across a date line and in other zones', () => {
    // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai: the local date differs
    const at = new Date('2026-03-31T20:00:00.000Z');
    expect(wallClock(at, 'Asia/Shanghai').toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(localTime(at, 'Asia/Shanghai')).toBe('2026-04-01 04:00:00');
    expect(localTime('2026-07-01T12:30:05Z', 'America/New_York')).toBe('2026-07-01 08:30:05');
    expect(cellValue('datetime', at, 'Asia/Shanghai')).toEqual(new Date('2026-04-01T04:00:00.000Z'));
  });

  it('leaves zero amounts blank, and only amounts', () => {
    expect([cellValue('money', 0, 'UTC'), cellValue('money', -0.5, 'UTC'), cellValue('int', 0, 'UTC'), cellValue('text', '0', 'UTC')]).toEqual([null, -0.5, 0, '0']);
  });

  it('reads back a datetime column in local time, red negatives, blank zeros, a print area and a grid', async () => {
    const file = join(dir, 'print.xlsx');
    const book = new AuditWorkbook({ filename: file }, { title: 't', subject: 's', creator: 'c', keywords: 'k', description: 'd', timeZone: 'Asia/Shanghai' });
    const sheet = book.sheet({ name: 's', title: 't', subtitle: 'u', columns: [{ header: '时间', width: 5, type: 'datetime' }, { header: '金额', width: 5, type: 'money' }] });
    await sheet.add([new Date('2026-03-31T20:00:00Z'), -12.5]);
    await sheet.add([null, 0]);
    await sheet.end();
    await book.close();
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const ws = read.getWorksheet('s')!;
    expect((ws.getCell('A4').value as Date).toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect([ws.getCell('B4').font?.color?.argb, ws.getCell('B5').value]).toEqual(['FFFF0000', null]);
    expect([ws.getColumn(1).width, ws.getColumn(2).width, ws.pageSetup.printArea]).toEqual([20, 20, 'A1:B5']);
    expect(ws.getCell('A4').border?.left?.style).toBe('thin');
  });
});
