import Decimal from 'decimal.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUnion } from '../support/builders';
import { download, seedBooks } from '../support/interchange';
import { Http, startTestApp, TestApp } from '../support/test-app';

const HLEDGER = spawnSync('hledger', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HLEDGER) {
  // CI installs Debian's hledger (.ci/run); on a developer machine without it the comparison cannot run
  console.warn('interchange-journal: hledger is not installed (apt-get install hledger) — the hledger comparison is skipped');
}
const withHledger = HLEDGER ? it : it.skip;

/** `hledger bal` at one depth of the chart: code of the account at that depth → signed balance. */
function hledgerBalances(file: string, depth: number, args: string[] = []): Map<string, Decimal> {
  const csv = execFileSync('hledger', ['bal', '-f', file, '-O', 'csv', '--flat', '--no-total', '-E', '--depth', String(depth), ...args], { encoding: 'utf8' });
  const out = new Map<string, Decimal>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, balance] = JSON.parse(`[${line}]`) as [string, string];
    const code = account.split(':').pop()!.split(' ')[0];
    out.set(code, new Decimal(balance === '0' || balance === '' ? 0 : balance));
  }
  return out;
}

/** Issue 14: the plain-text journal, checked by hledger itself against our 科目余额表. */
describe('hledger journal export', () => {
  let t: TestApp;
  let unionId: string;
  let auditor: Http;
  let dir: string;
  let journal: string;

  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
    await seedBooks(t, unionId);
    auditor = (await t.userWith([{ role: 'auditor', unionId }], 'auditor')).http;
    journal = (await download(auditor, `/api/unions/${unionId}/interchange/journal?from=2026-01&to=2026-02`)).toString('utf8');
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('one transaction per posted voucher with its number and 摘要, the opening balances first, red ink negative', async () => {
    const posted = (await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [unionId])).rows[0].n;
    const heads = journal.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(heads[0]).toBe('2026-01-01 * 期初余额');
    expect(heads).toHaveLength(posted + 1);
    expect(heads).toContain('2026-01-12 * (记-202601-0002) 羽毛球比赛  ; 制单:bookkeeper 记账:reviewer');
    // 摘要 with ";" and "|" stays text, the colon in an account's name is not a level
    expect(journal).toContain('(记-202601-0001) 拨入经费；一月');
    expect(journal).toContain('文体 ｜ 活动 <器材> & 服装');
    expect(journal).toContain('    501 职工活动支出:50106 其他活动支出:5010601 职工活动／文体  -300.00  ; 冲销');
    expect(heads.find((h) => h.includes('红字冲销'))).toMatch(/^2026-02-03 \* \(记-202602-\d{4}\) /);
  });

  withHledger('hledger bal equals our trial balance for every account at every level, and at the end of January', async () => {
    const file = join(dir, 'books.journal');
    writeFileSync(file, journal);
    for (const [range, args] of [
      [['2026-01', '2026-02'], []],
      [['2026-01', '2026-01'], ['-e', '2026-02-01']],
    ] as const) {
      const tb = await auditor().get(`/api/unions/${unionId}/trial-balance?from=${range[0]}&to=${range[1]}`).expect(200);
      expect(tb.body.rows.length).toBeGreaterThan(5);
      for (let depth = 1; depth <= 4; depth++) {
        const theirs = hledgerBalances(file, depth, [...args]);
        const ours = tb.body.rows.filter((r: { level: number }) => r.level === depth);
        for (const r of ours) {
          const closing = new Decimal(r.closingDebit).minus(r.closingCredit);
          expect({ range, code: r.code, balance: (theirs.get(r.code) ?? new Decimal(0)).toFixed(2) }).toEqual({ range, code: r.code, balance: closing.toFixed(2) });
        }
        // and every account hledger shows at this depth (leaves above it included) has our balance
        const byCode = new Map(tb.body.rows.map((r: { code: string; closingDebit: string; closingCredit: string }) => [r.code, new Decimal(r.closingDebit).minus(r.closingCredit).toFixed(2)]));
        for (const [code, balance] of theirs) {
          expect({ range, code, balance: balance.toFixed(2) }).toEqual({ range, code, balance: byCode.get(code) ?? '0.00' });
        }
      }
    }
  });

  it('needs books:read', async () => {
    const clerk = (await t.userWith([{ role: 'clerk', unionId }], 'clerk')).http;
    await clerk().get(`/api/unions/${unionId}/interchange/journal?from=2026-01&to=2026-02`).expect(403);
  });
});
