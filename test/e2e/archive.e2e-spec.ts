import archiver from 'archiver';
import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { verifyPackage } from '../../src/archive/domain/package-verifier';
import { readPackage } from '../../src/archive/package-reader';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { pdfText } from '../support/pdf-text';
import { claimBody, claimUnion, ClaimPeople, postedClaim } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every entry of a zip, whole (test packages are small). */
async function entries(file: string): Promise<Map<string, Buffer>> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.on('entry', (e: yauzl.Entry) =>
      zip.openReadStream(e, (err, s) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        s.on('data', (d: Buffer) => parts.push(d));
        s.on('end', () => {
          out.set(e.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      }),
    );
    zip.readEntry();
  });
  return out;
}

/** A copy of the zip with its entries changed: `change` returns new bytes, or null to leave the entry out. */
async function rezip(src: string, change: (path: string, data: Buffer) => Buffer | null, add: Record<string, Buffer> = {}): Promise<string> {
  const dst = join(mkdtempSync(join(tmpdir(), 'ul-archive-copy-')), 'package.zip');
  const zip = archiver('zip');
  const done = pipeline(zip, createWriteStream(dst));
  for (const [path, data] of await entries(src)) {
    const next = change(path, data);
    if (next) zip.append(next, { name: path });
  }
  for (const [path, data] of Object.entries(add)) zip.append(data, { name: path });
  await zip.finalize();
  await done;
  return dst;
}

/** The archive CLI on a file, as an archivist runs it: exit code and what it printed. */
async function cli(file: string, key?: string): Promise<{ code: number; out: string }> {
  const args = ['-r', 'ts-node/register/transpile-only', 'src/cli/archive-verify.ts', file, ...(key ? ['--public-key', key] : [])];
  return new Promise((resolve) =>
    execFile(process.execPath, args, { cwd: join(__dirname, '..', '..'), env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'ul-cli-')) } }, (err, stdout) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout }),
    ),
  );
}

/** The electronic accounting archive (issue 14): packages of closed periods, their register, the 四性 check. */
describe('electronic accounting archive', () => {
  let t: TestApp;
  let p: ClaimPeople;
  let u: string;
  let fingerprint: string;
  let publicKeyPem: string;
  const archiveDir = join(mkdtempSync(join(tmpdir(), 'ul-archive-')), 'nested', 'archive');
  const files = mkdtempSync(join(tmpdir(), 'ul-archive-dl-'));

  beforeAll(async () => {
    // PRINT_PDF_ROWS 40: the chart's ~70 rows of 科目余额表 over more than a month are kept a PDF a month (the split a long book takes)
    t = await startTestApp({ env: { ARCHIVE_DIR: archiveDir, PRINT_PDF_ROWS: '40' } });
    p = await claimUnion(t, { funds: '20000.00' });
    u = p.unionId;
    await postVoucher(t, u, '2026-01-05', [{ account: '101', debit: '500.00', summary: '提取备用金' }, { account: '10201', credit: '500.00', summary: '提取备用金' }]);
    await postVoucher(t, u, '2026-02-10', [{ account: '50101', debit: '120.50', summary: '培训教材' }, { account: '101', credit: '120.50', summary: '培训教材' }]);
    // a paid claim with its invoice (a PDF document) posted in February
    await postedClaim(t, p, claimBody('800.00', { eventDate: '2026-02-15' }), { date: '2026-02-20', bankReference: 'B1' });
    for (const period of ['2026-01', '2026-02']) await t.http().post(`/api/unions/${u}/periods/${period}/close`).expect(200);
    const key = (await t.http().get('/api/integrity/public-key').expect(200)).body;
    fingerprint = key.fingerprint;
    publicKeyPem = key.pem;
  });
  afterAll(() => t.close());

  const archive = (http: Http, body: Record<string, unknown>) => http().post(`/api/unions/${u}/archives`).send(body);

  async function done(id: string, http: Http = t.http) {
    for (let i = 0; i < 600; i++) {
      const res = await http().get(`/api/unions/${u}/archives/${id}`).expect(200);
      if (res.body.state === 'done' || res.body.state === 'failed') return res.body;
      await sleep(100);
    }
    throw new Error(`archive ${id} not finished`);
  }

  async function download(id: string, http: Http = t.http): Promise<string> {
    const res = await http().get(`/api/unions/${u}/archives/${id}/file`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const file = join(files, `${id}.zip`);
    writeFileSync(file, res.body as Buffer);
    return file;
  }

  let first: { id: string; sha256: string; file: string };

  it('refuses a period that is not closed, with a Chinese message naming it, and registers nothing', async () => {
    const month = await archive(t.http, { scope: 'month', period: '2026-03' }).expect(409);
    expect(month.body).toMatchObject({ code: 'ARCHIVE_PERIOD_OPEN', details: { open: ['2026-03'] } });
    expect(month.body.message).toContain('2026-03 尚未结账');
    // February is closed but the year is not: a year package needs every month and the year-end closing
    const year = await archive(t.http, { scope: 'year', period: '2026' }).expect(409);
    expect(year.body.code).toBe('ARCHIVE_PERIOD_OPEN');
    expect(year.body.details.open).toContain('2026-12');
    expect((await archive(t.http, { scope: 'month', period: '2026-13' }).expect(400)).body.code).toBeDefined();
    expect((await t.http().get(`/api/unions/${u}/archives`).expect(200)).body).toEqual([]);
  });

  it('packs a closed month: vouchers, documents, books, statements, bank lines and audit log, listed with hashes and signed', async () => {
    const made = await archive(t.http, { scope: 'month', period: '2026-02' }).expect(202);
    expect(made.body).toMatchObject({ scope: 'month', from: '2026-02', to: '2026-02', version: 1, state: 'queued' });
    const pkg = await done(made.body.id);
    expect(pkg).toMatchObject({ state: 'done', error: null });
    const file = await download(pkg.id);
    const zipBytes = readFileSync(file);
    expect(sha256(zipBytes)).toBe(pkg.sha256);
    expect(pkg.fileSize).toBe(zipBytes.length);
    first = { id: pkg.id, sha256: pkg.sha256, file };

    // private on disk: 0600 in 0700
    expect(modeOf(archiveDir)).toBe(0o700);
    expect(readdirSync(archiveDir)).toEqual([`${pkg.id}.zip`]);
    expect(modeOf(join(archiveDir, `${pkg.id}.zip`))).toBe(0o600);

    const all = await entries(file);
    const manifest = JSON.parse(all.get('metadata.json')!.toString('utf8'));
    expect(manifest.items.length).toBe(pkg.itemCount);
    expect([...all.keys()].sort()).toEqual(['metadata.json', 'metadata.sig', ...manifest.items.map((i: { path: string }) => i.path)].sort());
    for (const item of manifest.items) expect([item.path, sha256(all.get(item.path)!), all.get(item.path)!.length]).toEqual([item.path, item.sha256, item.size]);
    const paths = manifest.items.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['00-说明.txt', '01-记账凭证/记账凭证序时簿-2026-02-2026-02.xlsx', '03-会计账簿/明细账-2026-02-2026-02.xlsx', '04-财务会计报告/会计报表-2026-02-2026-02.xlsx', '07-审计日志/审计日志-2026-02-2026-02.xlsx']));
    // the month's vouchers as printed (the print module's PDF, bound behind its cover)
    const printed = manifest.items.filter((i: { type: string }) => i.type === 'voucher-pdf');
    expect(printed.map((i: { path: string }) => i.path)).toEqual(['01-记账凭证/记账凭证-2026-02.pdf']);
    expect(all.get(printed[0].path)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed[0].retention).toEqual({ class: 'vouchers', years: 30, until: '2056-12-31' });
    // the claim's invoice, byte for byte as uploaded, under its payment voucher
    const docs = manifest.items.filter((i: { type: string }) => i.type === 'document');
    expect(docs).toHaveLength(1);
    expect(docs[0].path).toMatch(/^02-原始凭证\/[记付]-202602-\d{4} 报销单 BX-/);
    const { rows } = await t.sql.query(`SELECT sha256 FROM claim_attachments WHERE union_id = $1`, [u]);
    expect(docs[0].sha256).toBe(rows[0].sha256);
    expect(all.get(docs[0].path)!.subarray(0, 5).toString()).toBe('%PDF-');
    // retention from the end of the fiscal year: vouchers and books 30 years, the monthly report and bank 10, the register permanent
    const by = (cls: string) => manifest.items.find((i: { retention: { class: string } }) => i.retention.class === cls).retention;
    expect(by('vouchers')).toEqual({ class: 'vouchers', years: 30, until: '2056-12-31' });
    expect(by('books')).toEqual({ class: 'books', years: 30, until: '2056-12-31' });
    expect(by('monthly-report')).toEqual({ class: 'monthly-report', years: 10, until: '2036-12-31' });
    expect(by('bank')).toEqual({ class: 'bank', years: 10, until: '2036-12-31' });
    expect(by('register')).toEqual({ class: 'register', years: null, until: null });
    expect(manifest.integrity.ok).toBe(true);
    expect(manifest.integrity.checkpoint.heads.some((h: string[]) => h[0] === u)).toBe(true);
    expect(manifest.signer.fingerprint).toBe(fingerprint);

    // as an archivist checks it offline, and through the API
    const result = verifyPackage(await readPackage(file), [fingerprint]);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, authenticity: { signature: 'valid', checkpoint: 'valid', trusted: true }, integrity: { ok: true, missing: [], extra: [], tampered: [] }, usability: { ok: true }, security: { ok: true } });
    const api = (await t.http().get(`/api/unions/${u}/archives/${pkg.id}/verification`).expect(200)).body;
    expect(api).toMatchObject({ ok: true, register: { matches: true, sha256: pkg.sha256 }, problems: [] });
  });

  it('keeps the books and statements as PDF too, from the same snapshot: the 科目余额表 PDF shows what the books say', async () => {
    const all = await entries(first.file);
    const manifest = JSON.parse(all.get('metadata.json')!.toString('utf8'));
    const pdfs = manifest.items.filter((i: { mediaType: string; type: string }) => i.mediaType === 'application/pdf' && i.type !== 'voucher-pdf' && i.type !== 'document');
    const range = '2026-02-2026-02';
    expect(pdfs.map((i: { path: string }) => i.path).sort()).toEqual(
      [
        `03-会计账簿/总账-${range}.pdf`,
        `03-会计账簿/明细账-${range}.pdf`,
        `03-会计账簿/现金日记账-${range}.pdf`,
        `03-会计账簿/银行存款日记账-${range}.pdf`,
        `03-会计账簿/科目余额表-${range}.pdf`,
        `04-财务会计报告/会计报表-${range}.pdf`,
        `04-财务会计报告/预算执行情况表-${range}.pdf`,
        `06-报销单/报销单及审批记录-${range}.pdf`,
      ].sort(),
    );
    // the xlsx of each is kept beside it, with the same type and retention
    for (const item of pdfs) {
      const xlsx = manifest.items.find((i: { path: string }) => i.path === item.path.replace(/\.pdf$/, '.xlsx'));
      expect([item.path, xlsx?.type, xlsx?.retention]).toEqual([item.path, item.type, item.retention]);
      expect(all.get(item.path)!.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const tbPdf = (await pdfText(all.get(`03-会计账簿/科目余额表-${range}.pdf`)!)).text;
    const tb = (await t.http().get(`/api/unions/${u}/trial-balance?from=2026-02&to=2026-02`).expect(200)).body;
    const grouped = (a: string) => a.replace(/\B(?=(\d{3})+(?!\d))/, ',');
    expect(tb.rows.length).toBeGreaterThan(3);
    for (const r of tb.rows) {
      expect(tbPdf).toContain(`${r.code}${r.name}`);
      for (const k of ['openingDebit', 'openingCredit', 'debit', 'credit', 'closingDebit', 'closingCredit']) {
        if (r[k] && r[k] !== '0.00') expect([r.code, k, tbPdf.includes(grouped(r[k]))]).toEqual([r.code, k, true]);
      }
    }
    // 明细账: February's vouchers with their figures and the month's totals
    const ledger = (await pdfText(all.get(`03-会计账簿/明细账-${range}.pdf`)!)).text;
    for (const s of ['明细账', '本月合计', '本年累计', '记-202602-0001', '培训教材', '120.50', '800.00']) expect([s, ledger.includes(s)]).toEqual([s, true]);
    const statements = (await pdfText(all.get(`04-财务会计报告/会计报表-${range}.pdf`)!)).text;
    expect(statements).toMatch(/资产负债表|01表/);

    // a book PDF altered after the package was made is found, by name
    const book = `03-会计账簿/科目余额表-${range}.pdf`;
    const tampered = await rezip(first.file, (path, data) => (path === book ? Buffer.concat([data, Buffer.from('\n% altered')]) : data));
    const r = verifyPackage(await readPackage(tampered), [fingerprint]);
    expect([r.ok, r.integrity.tampered]).toEqual([false, [book]]);
    expect(r.problems.join('\n')).toContain(`文件被改动：${book}（科目余额表（PDF））`);
    const keyFile = join(files, 'center-key.pub.pem');
    writeFileSync(keyFile, publicKeyPem);
    const shown = await cli(tampered, keyFile);
    expect([shown.code, shown.out.includes(`文件被改动：${book}`)]).toEqual([1, true]);
  });

  it('the checker names a tampered file, a missing file, an extra file and an altered metadata file', async () => {
    const doc = (await readPackage(first.file)).entries.find((e) => e.path.startsWith('02-原始凭证/'))!.path;
    const tampered = await rezip(first.file, (path, data) => (path === doc ? Buffer.concat([data, Buffer.from('% altered')]) : data));
    const r1 = verifyPackage(await readPackage(tampered), [fingerprint]);
    expect([r1.ok, r1.integrity.tampered, r1.authenticity.signature]).toEqual([false, [doc], 'valid']);
    expect(r1.problems.join('\n')).toContain(doc);

    const book = '03-会计账簿/明细账-2026-02-2026-02.xlsx';
    const missing = await rezip(first.file, (path, data) => (path === book ? null : data), { '03-会计账簿/补充.xlsx': Buffer.from('PK\u0003\u0004') });
    const r2 = verifyPackage(await readPackage(missing), [fingerprint]);
    expect([r2.ok, r2.integrity.missing, r2.integrity.extra, r2.integrity.tampered]).toEqual([false, [book], ['03-会计账簿/补充.xlsx'], []]);

    // hiding a change by rewriting the metadata breaks its signature
    const relisted = await rezip(first.file, (path, data) => {
      if (path !== 'metadata.json') return path === doc ? Buffer.from('%PDF-1.4 forged') : data;
      const m = JSON.parse(data.toString('utf8'));
      const item = m.items.find((i: { path: string }) => i.path === doc);
      item.sha256 = sha256(Buffer.from('%PDF-1.4 forged'));
      item.size = 15;
      return Buffer.from(JSON.stringify(m, null, 2) + '\n');
    });
    const r3 = verifyPackage(await readPackage(relisted), [fingerprint]);
    expect([r3.ok, r3.authenticity.signature, r3.integrity.tampered]).toEqual([false, 'invalid', []]);
    // and another center's key is not this center's
    const r4 = verifyPackage(await readPackage(first.file), ['0'.repeat(64)]);
    expect([r4.ok, r4.authenticity.trusted]).toEqual([false, false]);

    // the command line: exit 0 on the package as made, 1 on the tampered copy, naming the file
    const keyFile = join(files, 'center.pub.pem');
    writeFileSync(keyFile, publicKeyPem);
    const good = await cli(first.file, keyFile);
    expect([good.code, good.out]).toEqual([0, expect.stringContaining('结论：通过')]);
    const bad = await cli(tampered, keyFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`文件被改动：${doc}`);
  });

  it('finds a stored package altered on disk, against the register', async () => {
    const stored = join(archiveDir, `${first.id}.zip`);
    const original = readFileSync(stored);
    try {
      const doc = (await readPackage(stored)).entries.find((e) => e.path.startsWith('02-原始凭证/'))!.path;
      writeFileSync(stored, readFileSync(await rezip(stored, (path, data) => (path === doc ? Buffer.from('%PDF-1.4 swapped') : data))));
      const res = (await t.http().get(`/api/unions/${u}/archives/${first.id}/verification`).expect(200)).body;
      expect(res).toMatchObject({ ok: false, register: { matches: false }, integrity: { tampered: [doc] } });
    } finally {
      writeFileSync(stored, original);
    }
  });

  it('re-archiving makes a new version and keeps the old; the register lists both with hashes and due dates', async () => {
    const again = await archive(t.http, { scope: 'month', period: '2026-02' }).expect(202);
    expect(again.body.version).toBe(2);
    const second = await done(again.body.id);
    expect(second.state).toBe('done');
    const list = (await t.http().get(`/api/unions/${u}/archives`).expect(200)).body;
    expect(list.map((x: { id: string; version: number }) => [x.id, x.version])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ]);
    expect(list[1]).toMatchObject({ sha256: first.sha256, createdBy: expect.any(String), state: 'done' });
    expect(list[1].retention).toEqual(
      expect.arrayContaining([
        { class: 'vouchers', years: 30, until: '2056-12-31' },
        { class: 'monthly-report', years: 10, until: '2036-12-31' },
        { class: 'register', years: null, until: null },
      ]),
    );
    expect(readdirSync(archiveDir).sort()).toEqual([`${first.id}.zip`, `${second.id}.zip`].sort());
    // the register is a record: never deleted, a finished entry never changed — not even by the database owner
    await expect(t.sql.query(`DELETE FROM archive_packages WHERE union_id = $1`, [u])).rejects.toThrow(/never deleted/);
    await expect(t.sql.query(`UPDATE archive_packages SET sha256 = repeat('0', 64) WHERE union_id = $1`, [u])).rejects.toThrow(/final/);
    // and it is part of the union's books chain: the books still verify
    expect((await t.http().get(`/api/unions/${u}/integrity`).expect(200)).body.ok).toBe(true);
  });

  it('hands a union its data whole: every period, open ones included', async () => {
    const made = await t.http().post(`/api/unions/${u}/archives/handover`).send({}).expect(202);
    const pkg = await done(made.body.id);
    expect(pkg).toMatchObject({ scope: 'all', from: '2026-01', state: 'done' });
    const file = await download(pkg.id);
    const result = verifyPackage(await readPackage(file), [fingerprint]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.manifest!.package.scope).toBe('all');

    // the books in the national data interface (GB/T 24589), each file listed, and they import back whole
    const all = await entries(file);
    const manifest = JSON.parse(all.get('metadata.json')!.toString('utf8'));
    const gbt = manifest.items.filter((i: { type: string }) => i.type === 'interchange');
    expect(gbt.map((i: { path: string; mediaType: string }) => [i.path, i.mediaType])).toEqual([
      ['08-数据接口/公共档案.xml', 'application/xml'],
      ['08-数据接口/总账.xml', 'application/xml'],
      ['08-数据接口/gbt24589.xsd', 'application/xml'],
      ['08-数据接口/格式说明文件.txt', 'text/plain'],
    ]);
    expect(gbt[0]).toMatchObject({ from: pkg.from, to: pkg.to, retention: { class: 'books', years: 30 } });
    expect(all.get('08-数据接口/总账.xml')!.toString('utf8')).toContain('<凭证编号>');
    const zip = new JSZip();
    for (const i of gbt) zip.file(i.path.split('/')[1], all.get(i.path)!);
    const target = (await newUnion(t, { centerId: p.centerId })).id;
    const imported = await t.http().post(`/api/unions/${target}/interchange/gbt24589`).attach('file', await zip.generateAsync({ type: 'nodebuffer' }), 'handover.zip');
    expect([imported.status, imported.body.closedPeriods]).toEqual([200, ['2026-01', '2026-02']]);
    const posted = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u]);
    expect(imported.body.vouchers).toBe(posted.rows[0].n);
    for (const [from, to] of [['2026-01', '2026-01'], ['2026-02', '2026-02'], [pkg.from, pkg.to]]) {
      const a = await t.http().get(`/api/unions/${u}/trial-balance?from=${from}&to=${to}&includeZero=true`).expect(200);
      const b = await t.http().get(`/api/unions/${target}/trial-balance?from=${from}&to=${to}&includeZero=true`).expect(200);
      expect([from, to, b.body.rows]).toEqual([from, to, a.body.rows]);
    }
    // a book longer than one PDF holds is kept a PDF a month; a short one whole for the range
    const tbPdfs = manifest.items.filter((i: { path: string }) => /^03-会计账簿\/科目余额表-.*\.pdf$/.test(i.path));
    expect(tbPdfs.length).toBeGreaterThanOrEqual(2);
    expect(tbPdfs.slice(0, 2).map((i: { path: string; from: string; to: string }) => [i.path, i.from, i.to])).toEqual([
      ['03-会计账簿/科目余额表-2026-01-2026-01.pdf', '2026-01', '2026-01'],
      ['03-会计账簿/科目余额表-2026-02-2026-02.pdf', '2026-02', '2026-02'],
    ]);
    expect(manifest.items.filter((i: { path: string }) => i.path === `04-财务会计报告/会计报表-${pkg.from}-${pkg.to}.pdf`)).toHaveLength(1);
    const feb = (await pdfText(all.get('03-会计账簿/科目余额表-2026-02-2026-02.pdf')!)).text;
    const tbFeb = (await t.http().get(`/api/unions/${u}/trial-balance?from=2026-02&to=2026-02`).expect(200)).body;
    for (const r of tbFeb.rows) if (r.closingDebit !== '0.00') expect([r.code, feb.includes(r.closingDebit.replace(/\B(?=(\d{3})+(?!\d))/, ','))]).toEqual([r.code, true]);

    // a month package carries no interchange files
    const month = JSON.parse((await entries(first.file)).get('metadata.json')!.toString('utf8'));
    expect(month.items.filter((i: { type: string }) => i.type === 'interchange')).toEqual([]);
  });

  it('packs a closed year, for a union that started mid-year: the annual statements as PDF, kept permanently', async () => {
    const y = (await newUnion(t, { centerId: p.centerId, firstPeriod: '2025-11' })).id;
    await postVoucher(t, y, '2025-11-05', [{ account: '10201', debit: '800.00', summary: '拨缴经费' }, { account: '402', credit: '800.00', summary: '拨缴经费' }]);
    await postVoucher(t, y, '2025-12-05', [{ account: '10201', debit: '300.00', summary: '拨缴经费' }, { account: '402', credit: '300.00', summary: '拨缴经费' }]);
    for (const m of ['2025-11', '2025-12']) await t.http().post(`/api/unions/${y}/periods/${m}/close`).expect(200);
    expect((await t.http().post(`/api/unions/${y}/archives`).send({ scope: 'year', period: '2025' }).expect(409)).body.details.open).toEqual(['2025 年度（年终结账）']);
    await t.http().post(`/api/unions/${y}/years/2025/close`).expect(200);
    const made = await t.http().post(`/api/unions/${y}/archives`).send({ scope: 'year', period: '2025' }).expect(202);
    let pkg = made.body;
    for (let i = 0; i < 600 && !['done', 'failed'].includes(pkg.state); i++) {
      await sleep(100);
      pkg = (await t.http().get(`/api/unions/${y}/archives/${made.body.id}`).expect(200)).body;
    }
    expect([pkg.state, pkg.error, pkg.from, pkg.to]).toEqual(['done', null, '2025-01', '2025-12']);
    const res = await t.http().get(`/api/unions/${y}/archives/${pkg.id}/file`).buffer(true).parse(binary).expect(200);
    const file = join(files, `${pkg.id}.zip`);
    writeFileSync(file, res.body as Buffer);
    expect(verifyPackage(await readPackage(file), [fingerprint]).problems).toEqual([]);
    const all = await entries(file);
    const manifest = JSON.parse(all.get('metadata.json')!.toString('utf8'));
    const statements = manifest.items.find((i: { path: string }) => i.path === '04-财务会计报告/会计报表-2025-01-2025-12.pdf');
    expect(statements).toMatchObject({ type: 'statement', mediaType: 'application/pdf', retention: { class: 'annual-report', years: null, until: null } });
    const text = (await pdfText(all.get(statements.path)!)).text;
    // the year's 1,100.00 received is in the bank at the year end
    expect(text).toContain('1,100.00');
    expect(manifest.items.filter((i: { type: string }) => i.type === 'interchange')).toEqual([]);
  });

  it("lets a union's chair download its packages; a clerk may not; another union's or center's staff get 404", async () => {
    const chair = p.chair;
    expect((await chair().get(`/api/unions/${u}/archives`).expect(200)).body.length).toBeGreaterThan(0);
    await download(first.id, chair);
    expect((await archive(chair, { scope: 'month', period: '2026-01' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await p.clerk().get(`/api/unions/${u}/archives/${first.id}/file`).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await archive(p.clerk, { scope: 'month', period: '2026-01' }).expect(403)).body.code).toBe('FORBIDDEN');

    const other = await newUnion(t, { centerId: p.centerId });
    const otherClerk = (await t.userWith([{ role: 'clerk', unionId: other.id }], 'b-clerk')).http;
    const otherChair = (await t.userWith([{ role: 'chair', unionId: other.id }], 'b-chair')).http;
    const center = await newCenter(t);
    const otherAccountant = (await t.userWith([{ role: 'accountant', centerId: center.id }], 'c-accountant')).http;
    for (const http of [otherClerk, otherChair, otherAccountant]) {
      expect((await http().get(`/api/unions/${u}/archives/${first.id}/file`).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await http().get(`/api/unions/${u}/archives`).expect(404)).body.code).toBe('NOT_FOUND');
      await http().post(`/api/unions/${u}/archives`).send({ scope: 'month', period: '2026-01' }).expect(404);
    }
    // and a package id of union A asked for under union B is not found either
    await otherChair().get(`/api/unions/${other.id}/archives/${first.id}/file`).expect(404);
  });
});
