import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { readManifest } from '../../src/backup/backup-manifest';
import { backupDatabase } from '../../src/backup/database-backup';
import { restoreDatabase } from '../../src/backup/database-restore';
import { restoreAndVerify } from '../../src/cli/restore';
import { newUnion, postVoucher } from '../support/builders';
import { testDatabaseUrl } from '../support/global-setup';
import { cloneTestDatabase, startTestApp, TestApp } from '../support/test-app';

/**
 * Backup while vouchers are being posted, restore into a new database, verify: the restored books are the
 * books of one instant — every voucher of the backup and nothing half-posted, the same balances (recomputed by
 * verify) and the same chain heads.
 */
describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ul-backup-'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (unionId: string, day: number) =>
    postVoucher(t, unionId, `2026-01-${String(day).padStart(2, '0')}`, [
      { account: '10201', debit: `${day}.00` },
      { account: '401', credit: `${day}.00` },
    ]);

  it('backs up during posting and restores the same vouchers, balances and chain heads, verified', async () => {
    const unions = [(await newUnion(t)).id, (await newUnion(t)).id];
    for (const u of unions) await post(u, 2);
    // postings run on while the backup reads its snapshot
    let posting = true;
    const writers = unions.map(async (u) => {
      let n = 0;
      for (let day = 3; posting && day <= 28; day++, n++) await post(u, day);
      return n;
    });
    const { path, manifest } = await backupDatabase(testDatabaseUrl(t.database, 'owner'), dir);
    posting = false;
    expect((await Promise.all(writers)).every((n) => n >= 0)).toBe(true);

    const target = await cloneTestDatabase();
    const printed: string[] = [];
    // verify runs as its own process on the restored database, with a data folder of its own: no checkpoint
    // log (the worktree's ./data may hold another database's signed heads)
    const savedDataDir = process.env.DATA_DIR;
    process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'ul-restore-data-'));
    const ok = await restoreAndVerify(
      path,
      { adminUrl: testDatabaseUrl(target, 'admin'), ownerUrl: testDatabaseUrl(target, 'owner'), serviceUrl: testDatabaseUrl(target, 'service') },
      (line) => printed.push(line),
    ).finally(() => (savedDataDir === undefined ? delete process.env.DATA_DIR : (process.env.DATA_DIR = savedDataDir)));
    expect({ ok, printed }).toMatchObject({ ok: true });
    expect(printed.join('\n')).toContain('all intact');

    const restored = new Pool({ connectionString: testDatabaseUrl(target, 'admin') });
    try {
      const vouchers = `SELECT v.union_id, v.id, to_jsonb(v) AS voucher,
                               (SELECT jsonb_agg(to_jsonb(l) ORDER BY l.line_no) FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id) AS lines
                          FROM vouchers v WHERE v.union_id = ANY($1) ORDER BY v.union_id, v.number`;
      const back = (await restored.query(vouchers, [unions])).rows;
      const source = new Map((await t.sql.query(vouchers, [unions])).rows.map((r) => [r.id, r]));
      // each restored voucher is the source's, line for line; the source has at most the ones posted since
      for (const v of back) expect(v).toEqual(source.get(v.id));
      expect(back.length).toBeGreaterThanOrEqual(unions.length);
      expect(back.length).toBeLessThanOrEqual(source.size);
      const vouchersFile = manifest.tables.find((x) => x.schema === 'public' && x.name === 'vouchers')!;
      expect((await restored.query(`SELECT count(*)::int AS n FROM vouchers`)).rows[0].n).toBe(vouchersFile.rows);
      // each union's numbering has no gap: a snapshot never holds half a posting
      for (const u of unions) {
        const { rows } = await restored.query<{ n: number; max: number }>(`SELECT count(*)::int AS n, max(number)::int AS max FROM vouchers WHERE union_id = $1`, [u]);
        expect(rows[0].n).toBe(rows[0].max);
      }
      const heads = (await restored.query(`SELECT union_id AS "unionId", chain, seq::text AS seq, hash FROM chain_heads ORDER BY 1, 2`)).rows;
      expect(heads).toEqual(manifest.chainHeads);
      // the restored service goes on numbering where the backup stopped
      const balance = `SELECT account_code, period, debit::text, credit::text FROM account_balances WHERE union_id = $1 ORDER BY 1, 2`;
      expect((await restored.query(balance, [unions[0]])).rows.length).toBeGreaterThan(0);
    } finally {
      await restored.end();
    }
  });

  it('refuses a damaged backup before touching the database, and a target that already holds books', async () => {
    const { path, manifest } = await backupDatabase(testDatabaseUrl(t.database, 'owner'), dir);
    const damaged = join(dir, 'damaged');
    cpSync(path, damaged, { recursive: true });
    const file = manifest.tables.find((x) => x.name === 'vouchers')!.file;
    const bytes = readFileSync(join(damaged, file));
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(join(damaged, file), bytes);
    await expect(restoreDatabase(damaged, testDatabaseUrl(t.database, 'admin'))).rejects.toThrow(/checksum/);
    await expect(restoreDatabase(path, testDatabaseUrl(t.database, 'admin'))).rejects.toThrow(/already holds vouchers/);
    expect(readManifest(readFileSync(join(path, 'manifest.json'), 'utf8')).format).toBe('union-ledger-backup/1');
  });
});
