import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The baseline of bench:export: exceljs's streaming writer alone, writing ROWS rows shaped like a ledger
 * (9 columns: code, name, date, voucher number, summary, debit, credit, direction, balance) into one sheet,
 * each row committed, no database. Prints one JSON line: rows, seconds, rows/s, peak RSS.
 */
async function main() {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const file = join(tmpdir(), `export-bare-${process.pid}.xlsx`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('明细账');
  ws.columns = [12, 18, 11, 15, 30, 15, 15, 6, 16].map((width, i) => ({ width, style: i === 2 ? { numFmt: 'yyyy-mm-dd' } : [5, 6, 8].includes(i) ? { numFmt: '#,##0.00' } : {} }));
  // integer fen, shown as yuan: the cells are Excel numbers, as in the real export
  let balanceFen = 0;
  for (let n = 0; n < rows; n++) {
    const debitFen = (100 + (n % 900)) * 100 + 50;
    balanceFen += debitFen;
    ws.addRow([`5010${n % 5}`, '职工教育支出', new Date(Date.UTC(2026, n % 11, 1 + (n % 28))), `记-2026${String((n % 11) + 1).padStart(2, '0')}-${String(n % 10000).padStart(4, '0')}`, `第 ${n} 笔 职工活动支出`, debitFen / 100, null, '借', balanceFen / 100]).commit();
    if (n % 2000 === 0) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(file, { force: true });
  console.log(JSON.stringify({ rows, seconds, perSecond: rows / seconds, peakRssMb: peak / 1048576 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
