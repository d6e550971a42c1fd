import JSZip from 'jszip';
import { newCenter, newUnion } from '../support/builders';
import { download, seedBooks, unzip } from '../support/interchange';
import { Http, startTestApp, TestApp } from '../support/test-app';

/** What differs between two unions' exports of the same books: who they are, when and by whom exported, when posted. */
function normalized(files: Record<string, string>) {
  const strip = (xml: string) => xml.replace(/<电子账簿>[\s\S]*?<\/电子账簿>/, '').replace(/<记账时间>[^<]*<\/记账时间>/g, '');
  return { master: strip(files['公共档案.xml']), ledger: strip(files['总账.xml']) };
}

async function rezip(files: Record<string, string>, change: (name: string, text: string) => string): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, change(name, text));
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Issue 14: the GB/T file back into a fresh union — the same books to the cent, or nothing at all. */
describe('GB/T 24589 import', () => {
  let t: TestApp;
  let centerId: string;
  let source: string;
  let auditor: Http;
  let files: Record<string, string>;
  let zip: Buffer;

  const upload = (unionId: string, content: Buffer, as: Http = t.http) =>
    as().post(`/api/unions/${unionId}/interchange/gbt24589`).attach('file', content, 'books.zip');
  const counts = async (unionId: string) =>
    (
      await t.sql.query(
        `SELECT (SELECT count(*) FROM vouchers WHERE union_id = $1)::int AS vouchers,
                (SELECT count(*) FROM opening_balances WHERE union_id = $1)::int AS openings,
                (SELECT count(*) FROM accounts WHERE union_id = $1)::int AS accounts,
                (SELECT count(*) FROM projects WHERE union_id = $1)::int AS projects,
                (SELECT count(*) FROM periods WHERE union_id = $1 AND status = 'closed')::int AS closed`,
        [unionId],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await newCenter(t)).id;
    source = (await newUnion(t, { centerId })).id;
    await seedBooks(t, source);
    auditor = (await t.userWith([{ role: 'auditor', centerId }], 'auditor')).http;
    zip = await download(auditor, `/api/unions/${source}/interchange/gbt24589?from=2026-01&to=2026-02`);
    files = await unzip(zip);
  });

  afterAll(() => t?.close());

  it('round trip: export → import into a new union → export again is the same file, trial balances equal to the cent', async () => {
    const target = (await newUnion(t, { centerId })).id;
    const res = await upload(target, zip).expect(200);
    const posted = (await counts(source)).vouchers;
    expect(res.body).toEqual({ accounts: 1, projects: 1, openingBalances: 2, vouchers: posted, closedPeriods: ['2026-01'] });

    const again = await unzip(await download(auditor, `/api/unions/${target}/interchange/gbt24589?from=2026-01&to=2026-02`));
    expect(normalized(again)).toEqual(normalized(files));
    for (const [from, to] of [['2026-01', '2026-01'], ['2026-02', '2026-02'], ['2026-01', '2026-02']]) {
      const a = await auditor().get(`/api/unions/${source}/trial-balance?from=${from}&to=${to}&includeZero=true`).expect(200);
      const b = await auditor().get(`/api/unions/${target}/trial-balance?from=${from}&to=${to}&includeZero=true`).expect(200);
      expect(b.body).toEqual(a.body);
    }
    const statement = (u: string) => auditor().get(`/api/unions/${u}/statements/balance-sheet?period=2026-01`).expect(200);
    expect((await statement(target)).body.lines).toEqual((await statement(source)).body.lines);

    // posted by the importing user, the file's names kept as text; the books verify
    const v = await t.sql.query(
      `SELECT preparer, preparer_id, posted_by, posted_by_id, source FROM vouchers WHERE union_id = $1 AND period = 202601 AND number = 2`,
      [target],
    );
    expect(v.rows[0]).toMatchObject({ preparer: 'bookkeeper', preparer_id: null, posted_by: 'reviewer', posted_by_id: t.staff.bookkeeper.id, source: 'manual' });
    const integrity = await auditor().get(`/api/unions/${target}/integrity`).expect(200);
    expect(integrity.body.ok).toBe(true);
    const audit = await t.sql.query(`SELECT after FROM audit_log WHERE union_id = $1 AND action = 'interchange.import'`, [target]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after.sha256).toMatch(/^[0-9a-f]{64}$/);

    // the union has books now: a second import is refused and changes nothing
    const before = await counts(target);
    const twice = await upload(target, zip).expect(409);
    expect(twice.body.code).toBe('INTERCHANGE_UNION_NOT_EMPTY');
    expect(await counts(target)).toEqual(before);
  });

  it('refuses an unbalanced voucher, a stated balance the vouchers do not give, a gap in numbers — whole, with the place', async () => {
    const cases: [string, (n: string, x: string) => string, RegExp][] = [
      ['unbalanced', (n, x) => (n === '总账.xml' ? x.replace('<借方金额>8000.00</借方金额>', '<借方金额>8000.01</借方金额>') : x), /凭证 记-202601-0001：借贷不平衡/],
      ['balance', (n, x) => (n === '总账.xml' ? x.replace(/(<科目编号>10201<\/科目编号>\s*<期初余额方向>借<\/期初余额方向>\s*<期初余额>)50000.00/, '$150000.10') : x), /科目余额及发生额与凭证不符：2026-01 科目 10201 期初余额/],
      ['gap', (n, x) => (n === '总账.xml' ? x.replace('<凭证编号>2</凭证编号>', '<凭证编号>5</凭证编号>') : x), /凭证 记-202601-0005：凭证编号不连续/],
      ['opening', (n, x) => (n === '总账.xml' ? x.replace('<余额>50000.00</余额>', '<余额>50000.50</余额>') : x), /期初余额借贷不平衡/],
    ];
    for (const [name, change, message] of cases) {
      const target = (await newUnion(t, { centerId })).id;
      const before = await counts(target);
      expect({ name, changed: change('总账.xml', files['总账.xml']) !== files['总账.xml'] }).toEqual({ name, changed: true });
      const broken = await rezip(files, change);
      const res = await upload(target, broken);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 422, code: 'INTERCHANGE_BOOKS_INVALID' });
      expect(res.body.details.problems.join('\n')).toMatch(message);
      expect(await counts(target)).toEqual(before);
    }
  });

  it('refuses what is not our file: not a zip, a missing file, broken XML, a schema violation, a DOCTYPE', async () => {
    const target = (await newUnion(t, { centerId })).id;
    const before = await counts(target);
    const cases: [string, Buffer][] = [
      ['not a zip', Buffer.from('hello')],
      ['missing', await rezip({ '公共档案.xml': files['公共档案.xml'] }, (_, x) => x)],
      ['truncated', await rezip(files, (n, x) => (n === '总账.xml' ? x.slice(0, x.length / 2) : x))],
      ['schema', await rezip(files, (n, x) => (n === '总账.xml' ? x.replace('<借方金额>8000.00</借方金额>', '<借方金额>8000</借方金额>') : x))],
      ['doctype', await rezip(files, (n, x) => (n === '总账.xml' ? x.replace('<总账 ', '<!DOCTYPE 总账 [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<总账 ') : x))],
    ];
    for (const [name, content] of cases) {
      const res = await upload(target, content);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 422, code: 'INTERCHANGE_FILE_INVALID' });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await counts(target)).toEqual(before);
  });

  it('all or nothing when posting fails half-way, and only into a matching union', async () => {
    // an account switched off in the target: the file passes every check, the first voucher on 402 cannot post
    const target = (await newUnion(t, { centerId })).id;
    await t.sql.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = '402'`, [target]);
    const before = await counts(target);
    const res = await upload(target, zip).expect(422);
    expect(res.body.code).toBe('INTERCHANGE_BOOKS_INVALID');
    expect(res.body.message).toContain('记-202601-0001');
    expect(await counts(target)).toEqual(before);

    const later = (await newUnion(t, { centerId, firstPeriod: '2026-02' })).id;
    const wrongStart = await upload(later, zip).expect(422);
    expect(wrongStart.body.message).toContain('启用期间');
    const typed = (await newUnion(t, { centerId, voucherNumbering: 'typed' })).id;
    expect((await upload(typed, zip).expect(422)).body.message).toContain('凭证编号方式');
  });

  it('only the center accountant imports', async () => {
    const target = (await newUnion(t, { centerId })).id;
    await upload(target, zip, auditor).expect(403);
  });
});
