import { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction on its own connection: committed if it returns, rolled back if it throws. */
export async function inTx<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await work(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

/** 'OK', or the SQLSTATE the statement failed with. */
export async function sqlState(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
}

/** Posts a voucher with plain SQL: the header, then each line in its own statement, in the caller's transaction. */
export async function postViaSql(c: PoolClient, unionId: string, id: string, lines: [string, string, string][], date = '2026-02-10') {
  await c.query(
    `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, preparer, posted_by)
     VALUES ($1, $2, $3, ledger_period_of($3::date), 'general', 99, 'sql', 'sql')`,
    [unionId, id, date],
  );
  let n = 0;
  for (const [account, debit, credit] of lines) {
    await c.query(
      `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
       VALUES ($1, $2, $3, $4, 'sql', $5, $6, $7)`,
      [unionId, id, ++n, date, account, debit, credit],
    );
  }
}
