import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { SERVICE_CHAIN } from '../audit/audit-entry.entity';
import { validateEnv } from '../config/app.config';
import { PooledIntegrityReport, PooledIntegrityService } from '../banking/accounts/pooled-integrity.service';
import { Database } from '../database/database.service';
import { resolveDatabase } from '../database/database-url';
import { typeormOptions } from '../database/typeorm.options';
import { Anchors, BooksVerifier, IntegrityReport, unionIds } from '../integrity/books-verifier';
import { checkpointPaths, foldLog } from '../integrity/checkpoint-files';
import { CheckpointFold, ChainName } from '../integrity/domain/checkpoint.rules';
import { trustedFingerprint } from './verify-cover';

/**
 * npm run verify (against the database): every union's audit chain, books chain and old voucher chain
 * (hashes recomputed here), each against the latest signed checkpoint in DATA_DIR/checkpoints.log, every
 * chained row against its record, balances, numbering and the semantic checks, each union in one read
 * snapshot; the checkpoint log itself too. One line per union and every break; exit 1 on any.
 */
export async function verifyAll(
  db: Database,
  fold: CheckpointFold | null,
  print: (line: string) => void,
  pooled?: PooledIntegrityService,
): Promise<{ unions: number; failed: number }> {
  let unions = 0;
  let failed = 0;
  for (const id of await unionIds((sql, p) => db.manager.query(sql, p), SERVICE_CHAIN)) {
    const report = await db.readSnapshot((em) => new BooksVerifier((sql, p) => em.query(sql, p)).verify(id, anchorsOf(fold, id)));
    if (id !== SERVICE_CHAIN) unions++;
    if (!report.ok) failed++;
    print(describe(report));
  }
  let accounts = 0;
  if (pooled) {
    for await (const report of pooled.verifyAll()) {
      accounts++;
      if (!report.ok) failed++;
      print(describePooled(report));
    }
  }
  const what =
    `the service audit chain and ${unions} union${unions === 1 ? '' : 's'}` +
    (pooled ? ` and ${accounts} pooled bank account${accounts === 1 ? '' : 's'}` : '');
  print(failed === 0 ? `verified ${what}: all intact` : `verified ${what}: ${failed} with breaks`);
  return { unions, failed };
}

export function anchorsOf(fold: CheckpointFold | null, unionId: string): Anchors {
  const one = (c: ChainName) => {
    const h = fold?.head(unionId, c);
    return h ? { seq: h.seq, hash: h.hash, at: h.at } : null;
  };
  return { audit: one('audit'), vouchers: one('vouchers'), records: one('records') };
}

export function describe(r: IntegrityReport): string {
  const head = (s: { count: number; lastHash: string | null; checkpoint: { seq: number } | null }) =>
    `${s.count}${s.lastHash ? ` (last ${s.lastHash.slice(0, 12)})` : ''}${s.checkpoint ? ` signed to #${s.checkpoint.seq}` : ''}`;
  const lines = [
    `${r.ok ? 'OK  ' : 'FAIL'} ${r.unionId}  audit ${head(r.audit)}  books ${head(r.records)}  old vouchers ${head(r.legacyVouchers)}  balances ${r.balances.rows}`,
  ];
  for (const [name, s] of [['audit', r.audit], ['books', r.records], ['old voucher', r.legacyVouchers]] as const) {
    for (const b of s.breaks) lines.push(`     ${name} chain break at seq ${b.seq}: ${b.problem}`);
    if (s.head && (s.head.seq !== s.count || s.head.hash !== s.lastHash)) lines.push(`     ${name} chain head row says #${s.head.seq}, the chain ends at #${s.count}`);
  }
  for (const m of r.records.mismatches) lines.push(`     ${m.kind} ${m.key}: ${m.problem}${m.field ? ` (${m.field})` : ''}`);
  for (const m of r.balances.mismatches) lines.push(`     balance ${m.account} ${m.period}: stored ${m.stored}, lines give ${m.expected}`);
  for (const g of r.numbering.gaps) lines.push(`     numbering ${g.period} ${g.type}: ${g.count} vouchers, highest number ${g.maxNumber}`);
  for (const p of r.semantics.problems) lines.push(`     ${p.check}: ${p.detail}`);
  return lines.join('\n');
}

/** One pooled account: Σ of the unions' shares against the account replayed from its lines, month by month. */
export function describePooled(r: PooledIntegrityReport): string {
  const lines = [`${r.ok ? 'OK  ' : 'FAIL'} pooled account ${r.bankAccountId} (center ${r.centerId})  shares ${r.shares}  months ${r.months}`];
  for (const m of r.mismatches) lines.push(`     ${m.period}: unions' shares sum to ${m.shares}, the pooled account's lines give ${m.pooled}`);
  for (const code of r.unionsWithoutShare) lines.push(`     union ${code} has no share of any pooled account`);
  return lines.join('\n');
}

/** Runs against DATABASE_URL, the embedded server of a running service, or starts it. */
export async function verifyDatabase(publicKey: string | undefined): Promise<number> {
  const env = validateEnv(process.env);
  const paths = checkpointPaths(env);
  const key = publicKey ?? (existsSync(paths.publicKeyFile) ? paths.publicKeyFile : null);
  const fold = key ? foldLog(paths.logFile, [trustedFingerprint(key)]) : null;
  const { url, embedded } = await resolveDatabase(env, () => undefined, { ownSignalHandling: false, attach: true });
  const ds = new DataSource({ ...typeormOptions(url, 2), migrationsRun: false });
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      console.error('The database has pending migrations: start the service once (npm start) or run npm run migration:run, then verify.');
      return 2;
    }
    const logProblems = fold?.result().problems ?? [];
    console.log(fold ? `checkpoint log ${paths.logFile}: ${fold.result().lines} signed checkpoints` : 'no checkpoint key found: chains are checked without signed checkpoints');
    for (const p of logProblems) console.log(`FAIL checkpoint log line ${p.line}: ${p.problem}${p.detail ? ` ${p.detail}` : ''}`);
    const db = new Database(ds);
    const { failed } = await verifyAll(db, fold, (line) => console.log(line), new PooledIntegrityService(db));
    return failed === 0 && logProblems.length === 0 ? 0 : 1;
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}
