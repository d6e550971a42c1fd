import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldLog, readLogLines } from '../../src/integrity/checkpoint-files';
import { CheckpointsService } from '../../src/integrity/checkpoints.service';
import { checkCover, readCheckpointFile } from '../../src/integrity/cover-checkpoint';
import { Checkpoint, fingerprint } from '../../src/integrity/domain/checkpoint.rules';
import { IntegrityService } from '../../src/integrity/integrity.service';
import { newUnion, postVoucher } from '../support/builders';
import { restoreUnion, saveUnion, tamper } from '../support/tamper';
import { startTestApp, TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Signed checkpoints of the chain heads, kept outside the database, and what an auditor does with one. */
describe('checkpoints', () => {
  let t: TestApp;
  let checkpoints: CheckpointsService;
  const logFile = () => join(t.dataDir, 'checkpoints.log');
  const lines = () => readLogLines(logFile()).map((l) => JSON.parse(l) as Checkpoint);
  beforeAll(async () => {
    t = await startTestApp({ env: { CHECKPOINT_INTERVAL_MINUTES: '0' } });
    checkpoints = t.app.get(CheckpointsService);
  });
  afterAll(() => t.close());

  it('publishes the public key; the private key stays in the data folder (0600), never in the database', async () => {
    const res = await t.anon().get('/api/integrity/public-key').expect(200);
    expect(res.body).toMatchObject({ algorithm: 'Ed25519', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.pem).toBe(readFileSync(join(t.dataDir, 'checkpoint-key.pub.pem'), 'utf8'));
    expect(fingerprint(res.body.key)).toBe(res.body.fingerprint);
    expect(statSync(join(t.dataDir, 'checkpoint-key.pem')).mode & 0o777).toBe(0o600);
    const pem = readFileSync(join(t.dataDir, 'checkpoint-key.pem'), 'utf8').split('\n')[1];
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE $1 OR before::text LIKE $1`, [`%${pem.slice(0, 20)}%`]);
    expect(rows[0].n).toBe(0);
  });

  it('signs the heads that moved since the last checkpoint, one line each time, linked and verifiable', async () => {
    const u = await newUnion(t);
    await checkpoints.checkpointAll();
    const before = lines().length;
    expect(await checkpoints.checkpointAll()).toBeNull(); // nothing moved
    await postVoucher(t, u.id, '2026-01-05', [{ account: '101', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    const c = (await checkpoints.checkpointAll())!;
    expect(lines()).toHaveLength(before + 1);
    expect(new Set(c.heads.map(([union]) => union))).toEqual(new Set([u.id]));
    expect(c.heads.map(([, chain]) => chain).sort()).toEqual(['audit', 'records']);
    const report = await t.app.get(IntegrityService).verify(u.id);
    expect(c.heads.find(([, chain]) => chain === 'records')!.slice(2)).toEqual([report.records.count, report.records.lastHash]);
    expect(report.records.checkpoint).toMatchObject({ seq: report.records.count, hash: report.records.lastHash });
    expect(foldLog(logFile(), [checkpoints.publicKey.fingerprint]).result().problems).toEqual([]);
  });

  it('never signs a chain cut back below its signed head; verification finds the cut', async () => {
    const u = await newUnion(t);
    await postVoucher(t, u.id, '2026-01-05', [{ account: '101', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    await checkpoints.checkpointAll();
    const state = await saveUnion(t, u.id);
    await tamper(
      t,
      u.id,
      `DELETE FROM audit_log WHERE union_id = $1 AND seq = (SELECT max(seq) FROM audit_log WHERE union_id = $1)`,
      `UPDATE chain_heads h SET seq = a.seq, hash = a.hash FROM audit_log a
        WHERE h.union_id = $1 AND h.chain = 'audit' AND a.union_id = $1 AND a.seq = (SELECT max(seq) FROM audit_log WHERE union_id = $1)`,
    );
    await postVoucher(t, u.id, '2026-01-06', [{ account: '101', debit: '1.00' }, { account: '402', credit: '1.00' }]); // the chain grows again
    const c = await checkpoints.checkpointAll();
    expect((c?.heads ?? []).filter(([union, chain]) => union === u.id && chain === 'audit')).toEqual([]);
    const report = await t.app.get(IntegrityService).verify(u.id);
    expect(report.audit.breaks.map((b) => b.problem)).toContain('checkpoint-mismatch');
    await restoreUnion(t, u.id, state);
  });

  it('finds a line of the log removed or altered', async () => {
    const text = readFileSync(logFile(), 'utf8');
    const all = text.trim().split('\n');
    const trusted = [checkpoints.publicKey.fingerprint];
    try {
      writeFileSync(logFile(), [all[0], ...all.slice(2)].join('\n') + '\n');
      expect(foldLog(logFile(), trusted).result().problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['out-of-order', 'link-broken']));
      const edited = JSON.parse(all[1]) as Checkpoint;
      edited.heads[0][2] += 1;
      writeFileSync(logFile(), [all[0], JSON.stringify(edited), ...all.slice(2)].join('\n') + '\n');
      expect(foldLog(logFile(), trusted).result().problems.map((p) => p.problem)).toEqual(expect.arrayContaining(['bad-signature']));
    } finally {
      writeFileSync(logFile(), text);
    }
    expect(foldLog(logFile(), trusted).result().problems).toEqual([]);
  });

  it('puts a signed checkpoint of what it verified on every audit pack cover, which an auditor checks offline', async () => {
    const u = await newUnion(t);
    await postVoucher(t, u.id, '2026-01-05', [{ account: '101', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    const res = await t.http().get(`/api/unions/${u.id}/export?kind=audit-pack&from=2026-01&to=2026-01`).buffer(true).parse(binary).expect(200);
    const file = join(t.dataDir, 'pack.xlsx');
    writeFileSync(file, res.body);
    const signed = await readCheckpointFile(file);
    expect(lines().at(-1)).toEqual(signed); // the export's checkpoint is in the log too
    const report = await t.app.get(IntegrityService).verify(u.id);
    // the export's own audit record (export.download) came after the cover was verified
    const audit = await t.sql.query(`SELECT hash FROM audit_log WHERE union_id = $1 AND seq = $2`, [u.id, report.audit.count - 1]);
    expect(signed.heads).toEqual(
      expect.arrayContaining([
        [u.id, 'audit', report.audit.count - 1, audit.rows[0].hash],
        [u.id, 'records', report.records.count, report.records.lastHash],
      ]),
    );
    const mine = checkpoints.publicKey.fingerprint;
    expect(checkCover(signed, mine)).toMatchObject({ ok: true, fingerprint: mine });
    expect(checkCover(signed, 'f'.repeat(64)).problem).toBe('untrusted-key');
    expect(checkCover({ ...signed, heads: [[u.id, 'audit', 1, 'a'.repeat(64)]] }, mine).problem).toBe('bad-signature');

    // npm run verify -- --checkpoint FILE --public-key PEM (no database)
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/verify.ts', '--checkpoint', file, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    const good = cli('--public-key', join(t.dataDir, 'checkpoint-key.pub.pem'));
    expect([good.status, good.stdout]).toEqual([0, expect.stringContaining('signature valid, by the trusted key')]);
    const wrong = cli('--public-key', 'e'.repeat(64));
    expect([wrong.status, wrong.stdout]).toEqual([1, expect.stringContaining('NOT VALID: untrusted-key')]);
  });
});
