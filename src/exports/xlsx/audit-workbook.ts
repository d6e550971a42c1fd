import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

/**
 * A workbook as auditors receive it (exceljs streaming writer): per sheet a title row, a subtitle (union,
 * period, unit), a header row — frozen, filterable, repeated on every printed page — then the rows,
 * committed as they come so they leave memory; A4 landscape, fitted to the page width; sheets protected
 * against edits (a deterrent: no password, the integrity summary on the cover is the real proof).
 */
export type ColumnType = 'text' | 'money' | 'date' | 'datetime' | 'int';

export interface Column {
  header: string;
  width: number;
  type: ColumnType;
}

export interface SheetSpec {
  /** ≤ 31 characters, none of []:*?/\ (Excel's rule); continuation sheets add " (2)", " (3)". */
  name: string;
  title: string;
  subtitle: string;
  columns: Column[];
}

export type Cell = string | number | Date | null;

const HEADER_ROWS = 3;
const FORMAT: Record<ColumnType, string | undefined> = {
  text: '@',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  int: '0',
};
/**
 * Rows per sheet before a continuation sheet: exceljs keeps a little per row until its sheet is committed
 * (docs/performance.md, bench:export), so bounded sheets keep memory flat at any size.
 */
export const MAX_ROWS_PER_SHEET = 100_000;
/** Let the zip and file streams drain every so many rows, so writing never outruns the disk. */
const YIELD_EVERY = 2_000;

export class AuditWorkbook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly names = new Set<string>();

  constructor(
    target: { filename: string } | { stream: Writable },
    props: { title: string; subject: string; creator: string; keywords: string; description: string },
  ) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 6 } } });
    Object.assign(this.wb, { ...props, lastModifiedBy: props.creator, created: new Date(), company: '工会经费集中核算服务中心' });
  }

  /** Opens a sheet; write its rows with `add`, then `end` it before opening the next. */
  sheet(spec: SheetSpec): SheetWriter {
    return new SheetWriter(this, spec);
  }

  async close(): Promise<void> {
    await this.wb.commit();
  }

  /** @internal */
  async openWorksheet(spec: SheetSpec, part: number): Promise<ExcelJS.Worksheet> {
    const name = uniqueName(part === 1 ? spec.name : `${spec.name} (${part})`, this.names);
    const last = spec.columns.length;
    const ws = this.wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${HEADER_ROWS}`, horizontalCentered: true },
      headerFooter: { oddFooter: `${spec.title} 第 &P 页 共 &N 页` },
    });
    ws.columns = spec.columns.map((c) => ({ width: c.width, style: FORMAT[c.type] ? { numFmt: FORMAT[c.type] } : {} }));
    const title = ws.addRow([part === 1 ? spec.title : `${spec.title}（续 ${part}）`]);
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, last);
    title.commit();
    const subtitle = ws.addRow([spec.subtitle]);
    ws.mergeCells(2, 1, 2, last);
    subtitle.commit();
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.numFmt = '@';
    });
    header.commit();
    ws.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: HEADER_ROWS, column: last } };
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, sort: true, formatColumns: true });
    return ws;
  }
}

export class SheetWriter {
  private ws: ExcelJS.Worksheet | null = null;
  private part = 0;
  private rowsInSheet = 0;
  rows = 0;

  constructor(
    private readonly book: AuditWorkbook,
    private readonly spec: SheetSpec,
  ) {}

  async add(values: Cell[], opts: { bold?: boolean } = {}): Promise<void> {
    if (!this.ws || this.rowsInSheet >= MAX_ROWS_PER_SHEET) {
      if (this.ws) this.ws.commit();
      this.ws = await this.book.openWorksheet(this.spec, ++this.part);
      this.rowsInSheet = 0;
    }
    const row = this.ws.addRow(values);
    if (opts.bold) row.font = { bold: true };
    row.commit();
    this.rowsInSheet++;
    if (++this.rows % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Closes the sheet (an empty one still gets its titles and headers). */
  async end(): Promise<void> {
    if (!this.ws) this.ws = await this.book.openWorksheet(this.spec, ++this.part);
    this.ws.commit();
  }
}

function uniqueName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let name = clean;
  for (let i = 2; taken.has(name); i++) name = `${clean.slice(0, 27)}~${i}`;
  taken.add(name);
  return name;
}

/** Money as an Excel number: exact for numeric(18,2) values below 10^13, which every union's figures are. */
export const money = (v: string | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/** A calendar date as the Excel date of that day (exceljs converts from UTC). */
export const day = (v: string | Date | null | undefined): Date | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? new Date(`${v.slice(0, 10)}T00:00:00Z`) : new Date(Date.UTC(v.getFullYear(), v.getMonth(), v.getDate()));
