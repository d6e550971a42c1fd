import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { BankingError } from '../banking.errors';

/** A spreadsheet read as text: every row as the cells' text, row i of the file at index i − 1. */
export interface TableFile {
  format: 'xlsx' | 'csv';
  /** How a CSV was decoded: Chinese banks and Excel write GBK, newer tools UTF-8 (with or without BOM). */
  encoding: 'utf-8' | 'gbk' | null;
  rows: string[][];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads an uploaded .xlsx or .csv, whatever its name says: an xlsx is a ZIP (read by exceljs's streaming
 * reader, first worksheet); anything else is CSV, decoded as UTF-8 when it has a BOM or is valid UTF-8, else
 * as GBK (GB18030, its superset), then parsed by csv-parse. Cells come back as trimmed text; dates as
 * YYYY-MM-DD; numbers as JavaScript prints them (the xlsx cell boundary is the only place money is a number).
 */
export async function readTable(content: Buffer, opts: { maxRows: number }): Promise<TableFile> {
  if (content.length === 0) throw unreadable('文件是空的');
  if (content.subarray(0, 4).equals(ZIP)) return { format: 'xlsx', encoding: null, rows: await readXlsx(content, opts.maxRows) };
  const { text, encoding } = decode(content);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw unreadable(`CSV 格式有误（${(err as Error).message.slice(0, 120)}）`);
  }
  if (records.length > opts.maxRows) throw tooMany(opts.maxRows);
  return { format: 'csv', encoding, rows: records };
}

function decode(content: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (content.subarray(0, 3).equals(UTF8_BOM)) return { text: content.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(content, 'gb18030'), encoding: 'gbk' };
  }
}

async function readXlsx(content: Buffer, maxRows: number): Promise<string[][]> {
  const rows: string[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // date-formatted cells come back as dates
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number > maxRows) throw tooMany(maxRows);
        while (rows.length < row.number - 1) rows.push([]);
        const values = row.values as unknown[];
        rows.push(values.slice(1).map(cellText));
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof BankingError) throw err;
    throw unreadable('无法读取该 Excel 文件，请另存为 .xlsx 或 .csv 后重新上传');
  }
  return rows;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value).trim();
}

function unreadable(message: string): BankingError {
  return new BankingError('FILE_UNREADABLE', `文件无法读取：${message}`);
}

function tooMany(max: number): BankingError {
  return new BankingError('FILE_UNREADABLE', `文件无法读取：超过 ${max} 行，请拆分后分批上传`);
}
