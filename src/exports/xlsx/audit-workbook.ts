import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { wallClock } from '../../common/period';

/**
 * A workbook as auditors receive it (exceljs streaming writer): per sheet a title row, a subtitle (union,
 * period, unit), a header row — frozen, filterable, repeated on every printed page — then the rows,
 * committed as they come and paused while the zip catches up, so memory stays flat; A4 landscape, fitted to the page width; sheets protected
 * against edits (a deterrent: no password, the integrity summary on the cover is the real proof).
 */
export type ColumnType = 'text' | 'money' | 'date' | 'datetime' | 'int';

export interface Column {
  header: string;
  width: number;
  type: ColumnType;
  /** Indented by the row's `level` (account names in a trial balance). */
  indent?: boolean;
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
/**
 * One font for every cell, bold or not (a bold cell without a name fell back to a serif face in LibreOffice
 * while the rest printed sans), and thin borders as the printed grid: exceljs's streaming writer has no
 * printOptions, so grid lines on paper come from the cells' borders.
 */
const FONT_NAME = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FFA6A6A6' } };
const GRID: Partial<ExcelJS.Borders> = Object.freeze({ top: THIN, left: THIN, bottom: THIN, right: THIN });
const NUM_FMT: Record<ColumnType, string> = {
  text: '@',
  // negative (red-ink) amounts show red with their minus sign, also where the font colour is not honoured
  money: '#,##0.00;[Red]-#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  int: '0',
};
/** Widest formatted amount a union's figures reach (-99,999,999,999.99 is 18 characters), plus padding. */
export const MONEY_MIN_WIDTH = 20;
/** 'yyyy-mm-dd hh:mm:ss' is 19 characters. */
const MIN_WIDTH: Partial<Record<ColumnType, number>> = { money: MONEY_MIN_WIDTH, date: 11, datetime: 20 };

/**
 * One frozen style object per (column type, bold, red) shared by every cell: exceljs renders a cell's style
 * once per distinct object, so a fresh object per cell (its default) costs more than the row itself.
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
function styleOf(type: ColumnType, bold: boolean, red: boolean, indent = 0): Partial<ExcelJS.Style> {
  const key = `${type}:${bold ? 1 : 0}:${red ? 1 : 0}:${indent}`;
  let style = styles.get(key);
  if (!style) {
    const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10, bold, ...(red ? { color: { argb: 'FFFF0000' } } : {}) };
    const alignment: Partial<ExcelJS.Alignment> | undefined =
      type === 'money' ? { horizontal: 'right' } : indent > 0 ? { horizontal: 'left', indent } : undefined;
    style = Object.freeze({ numFmt: NUM_FMT[type], font, border: GRID, ...(alignment ? { alignment } : {}) });
    styles.set(key, style);
  }
  return style;
}
/** Excel's limit is 1,048,576 rows a sheet; a longer export continues on "(2)". */
export const MAX_ROWS_PER_SHEET = 1_000_000;
/** Uncompressed sheet XML allowed to wait for the zip before the writer pauses (see waitForZip). */
const ZIP_BACKLOG_BYTES = 1024 * 1024;
const CHECK_BACKLOG_EVERY = 500;
const YIELD_EVERY = 20;

export class AuditWorkbook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly names = new Set<string>();
  private readonly open: ExcelJS.Worksheet[] = [];
  /** The ledger's time zone (LEDGER_TIMEZONE): every instant is written as the wall-clock time there. */
  readonly timeZone: string;

  constructor(
    target: { filename: string } | { stream: Writable },
    props: { title: string; subject: string; creator: string; keywords: string; description: string; timeZone: string },
  ) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
    const { timeZone, ...docProps } = props;
    this.timeZone = timeZone;
    Object.assign(this.wb, { ...docProps, lastModifiedBy: props.creator, created: new Date(), company: '工会经费集中核算服务中心' });
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
    ws.columns = spec.columns.map((c) => ({ width: Math.max(c.width, MIN_WIDTH[c.type] ?? 0) }));
    const title = ws.addRow([part === 1 ? spec.title : `${spec.title}（续 ${part}）`]);
    title.font = { name: FONT_NAME, bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, last);
    title.commit();
    const subtitle = ws.addRow([spec.subtitle]);
    subtitle.font = { name: FONT_NAME, size: 10 };
    ws.mergeCells(2, 1, 2, last);
    subtitle.commit();
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { name: FONT_NAME, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = GRID;
      cell.numFmt = '@';
    });
    header.commit();
    ws.autoFilter = { from: { row: HEADER_ROWS, column: 1 }, to: { row: HEADER_ROWS, column: last } };
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, sort: true, formatColumns: true });
    this.open.push(ws);
    return ws;
  }

  /**
   * exceljs gives no backpressure: a committed row's XML waits, uncompressed, in a stream in front of the
   * zip, which compresses only a little per turn of the event loop — a million rows left ~400 MB waiting.
   * So the writer pauses while more than ZIP_BACKLOG_BYTES wait (exceljs 4.4 internals, asserted by
   * audit-workbook.spec.ts so an upgrade that changes them fails a test rather than memory).
   */
  async waitForZip(): Promise<void> {
    for (let b = backlog(this.open); b.bytes > ZIP_BACKLOG_BYTES; b = backlog(this.open)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          b.head?.off('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 5);
        b.head?.once('drain', done);
      });
    }
  }
}

interface StreamInternals {
  stream?: { buffers?: { length: number }[]; pipes?: PipeInternals[] };
}
interface PipeInternals extends NodeJS.EventEmitter {
  _writableState: { length: number };
  _readableState: { length: number; endEmitted: boolean };
}

/** Bytes of sheet XML not yet taken by the zip, over the open sheets (finished ones are dropped). */
export function backlog(sheets: ExcelJS.Worksheet[]): { bytes: number; head: PipeInternals | undefined } {
  let bytes = 0;
  let head: PipeInternals | undefined;
  for (let i = 0; i < sheets.length; i++) {
    const buf = (sheets[i] as unknown as StreamInternals).stream;
    const pipe = buf?.pipes?.[0];
    if (!pipe?._writableState || !pipe._readableState) throw new Error('exceljs stream internals changed: see AuditWorkbook.waitForZip');
    const own = (buf?.buffers ?? []).reduce((n, b) => n + b.length, 0);
    if (pipe._readableState.endEmitted && own === 0) {
      sheets.splice(i--, 1);
      continue;
    }
    const queued = pipe._writableState.length + pipe._readableState.length;
    bytes += own + queued;
    if (!head && queued) head = pipe;
  }
  return { bytes, head };
}

export class SheetWriter {
  private ws: ExcelJS.Worksheet | null = null;
  private part = 0;
  private rowsInSheet = 0;
  rows = 0;

  private readonly plainStyles: Partial<ExcelJS.Style>[];
  private readonly boldStyles: Partial<ExcelJS.Style>[];

  constructor(
    private readonly book: AuditWorkbook,
    private readonly spec: SheetSpec,
  ) {
    this.plainStyles = spec.columns.map((c) => styleOf(c.type, false, false));
    this.boldStyles = spec.columns.map((c) => styleOf(c.type, true, false));
  }

  /** `level`: the row's depth (1 = top), indenting the columns marked `indent`. */
  async add(values: Cell[], opts: { bold?: boolean; level?: number } = {}): Promise<void> {
    if (!this.ws || this.rowsInSheet >= MAX_ROWS_PER_SHEET) {
      if (this.ws) this.finish();
      this.ws = await this.book.openWorksheet(this.spec, ++this.part);
      this.rowsInSheet = 0;
    }
    const cells = this.spec.columns.map((c, i) => cellValue(c.type, values[i] ?? null, this.book.timeZone));
    const row = this.ws.addRow(cells);
    const bold = opts.bold ?? false;
    const indent = Math.max(0, (opts.level ?? 1) - 1);
    const usual = bold ? this.boldStyles : this.plainStyles;
    const columns = this.spec.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const red = c.type === 'money' && typeof cells[i] === 'number' && (cells[i] as number) < 0;
      // the usual style without a key lookup: this runs for every cell of a million-row ledger
      row.getCell(i + 1).style = red || (c.indent && indent) ? styleOf(c.type, bold, red, c.indent ? indent : 0) : usual[i];
    }
    row.commit();
    this.rowsInSheet++;
    if (++this.rows % CHECK_BACKLOG_EVERY === 0) await this.book.waitForZip();
    else if (this.rows % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Closes the sheet (an empty one still gets its titles and headers), its print area the rows written. */
  async end(): Promise<void> {
    if (!this.ws) {
      this.ws = await this.book.openWorksheet(this.spec, ++this.part);
      this.rowsInSheet = 0;
    }
    this.finish();
  }

  private finish(): void {
    const ws = this.ws!;
    // read by the workbook writer when the book is committed, so the last row is known by then
    ws.pageSetup.printArea = `A1:${columnLetter(this.spec.columns.length)}${HEADER_ROWS + this.rowsInSheet}`;
    ws.commit();
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

/** A calendar date ('YYYY-MM-DD', as dates come from the database) as the Excel date of that day (exceljs converts from UTC). */
export const day = (v: string | null | undefined): Date | null => (v === null || v === undefined ? null : new Date(`${v.slice(0, 10)}T00:00:00Z`));

/**
 * What a cell holds: an amount of zero is left blank (as ledgers print it); an instant becomes the wall-clock
 * time in the ledger's zone, since a spreadsheet date has no zone and exceljs writes the UTC time.
 */
export function cellValue(type: ColumnType, v: Cell, timeZone: string): Cell {
  if (type === 'money' && v === 0) return null;
  if (type === 'datetime' && v instanceof Date) return wallClock(v, timeZone);
  return v;
}

/** 'YYYY-MM-DD HH:mm:ss' in the ledger's zone: instants written as text for people (covers, descriptions). */
export function localTime(at: Date | string, timeZone: string): string {
  return wallClock(new Date(at), timeZone).toISOString().slice(0, 19).replace('T', ' ');
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
