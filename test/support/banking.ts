import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';

/**
 * Many unions of one center at once, as `POST /api/unions` makes them (the template chart, 10201 and its
 * share of the center's default pooled account), but in four statements: tests and benches of batches over
 * hundreds of unions. Returns their ids and codes, in code order.
 */
export async function bulkUnions(sql: Pool, centerId: string, n: number, opts: { firstPeriod?: number; prefix?: string } = {}): Promise<{ id: string; code: string }[]> {
  const tag = opts.prefix ?? randomBytes(3).toString('hex').toUpperCase();
  const unions = Array.from({ length: n }, (_, i) => ({ id: uuidv7(), code: `BU${tag}${String(i + 1).padStart(5, '0')}` }));
  const c = await sql.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO unions (id, center_id, code, name, chart_template, first_period)
       SELECT x.id, $1, x.code, '批量工会 ' || x.code, 'grassroots', $4 FROM unnest($2::uuid[], $3::varchar[]) AS x(id, code)`,
      [centerId, unions.map((u) => u.id), unions.map((u) => u.code), opts.firstPeriod ?? 202601],
    );
    await c.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       SELECT u, t.code, t.name, t.category, t.normal_side, t.parent_code, t.level, true,
              NOT EXISTS (SELECT 1 FROM chart_template_accounts c WHERE c.template = t.template AND c.parent_code = t.code) AND t.code <> '102'
         FROM unnest($1::uuid[]) AS u, chart_template_accounts t WHERE t.template = 'grassroots'`,
      [unions.map((u) => u.id)],
    );
    await c.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       SELECT u, '10201', '集中核算户', 'asset', 'debit', '102', 2, true, true FROM unnest($1::uuid[]) AS u`,
      [unions.map((u) => u.id)],
    );
    await c.query(
      `INSERT INTO bank_account_shares (union_id, account_code, center_id, bank_account_id, is_default)
       SELECT u, '10201', $2, b.id, true FROM unnest($1::uuid[]) AS u, bank_accounts b WHERE b.center_id = $2 AND b.is_default`,
      [unions.map((u) => u.id), centerId],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
  return unions;
}

/** Rows as a CSV text (quoted where needed), with a header. */
export function csvText(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const gbk = (text: string) => iconv.encode(text, 'gbk');

/** Rows as an .xlsx (first sheet), amounts as numbers the way Excel users type them. */
export async function xlsxFile(header: string[], rows: (string | number)[][], titleRows: string[] = []): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const t of titleRows) sheet.addRow([t]);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
