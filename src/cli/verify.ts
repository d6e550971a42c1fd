import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SERVICE_CHAIN } from '../audit/audit-entry.entity';
import { IntegrityReport, IntegrityService } from '../audit/integrity.service';
import { PooledIntegrityReport, PooledIntegrityService } from '../banking/accounts/pooled-integrity.service';
import { validateEnv } from '../config/app.config';
import { Database } from '../database/database.service';
import { resolveDatabase } from '../database/database-url';
import { typeormOptions } from '../database/typeorm.options';

/**
 * npm run verify: recomputes the audit chain, the voucher chain, every balance and the numbering of every
 * union (and the service-wide audit chain), prints one line per union and every break, and exits 1 when
 * anything does not verify. Uses DATABASE_URL, the embedded server of a running service, or starts it.
 */
export async function verifyAll(
  integrity: IntegrityService,
  print: (line: string) => void,
  pooled?: PooledIntegrityService,
): Promise<{ unions: number; failed: number }> {
  let unions = 0;
  let failed = 0;
  for await (const report of integrity.verifyAll()) {
    if (report.unionId !== SERVICE_CHAIN) unions++;
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

export function describe(r: IntegrityReport): string {
  const lines = [
    `${r.ok ? 'OK  ' : 'FAIL'} ${r.unionId}  audit ${r.audit.count} (last ${r.audit.lastHash?.slice(0, 12) ?? '-'})  ` +
      `vouchers ${r.vouchers.count} (last ${r.vouchers.lastHash?.slice(0, 12) ?? '-'})  balances ${r.balances.rows}`,
  ];
  for (const b of r.audit.breaks) lines.push(`     audit chain break at seq ${b.seq}: ${b.problem}`);
  for (const b of r.vouchers.breaks) lines.push(`     voucher chain break at seq ${b.seq}: ${b.problem}`);
  for (const id of r.vouchers.unchained) lines.push(`     posted voucher ${id} is not in the chain`);
  for (const m of r.balances.mismatches) lines.push(`     balance ${m.account} ${m.period}: stored ${m.stored}, lines give ${m.expected}`);
  for (const g of r.numbering.gaps) lines.push(`     numbering ${g.period} ${g.type}: ${g.count} vouchers, highest number ${g.maxNumber}`);
  return lines.join('\n');
}

/** One pooled account: Σ of the unions' shares against the account replayed from its lines, month by month. */
export function describePooled(r: PooledIntegrityReport): string {
  const lines = [`${r.ok ? 'OK  ' : 'FAIL'} pooled account ${r.bankAccountId} (center ${r.centerId})  shares ${r.shares}  months ${r.months}`];
  for (const m of r.mismatches) lines.push(`     ${m.period}: unions' shares sum to ${m.shares}, the pooled account's lines give ${m.pooled}`);
  for (const code of r.unionsWithoutShare) lines.push(`     union ${code} has no share of any pooled account`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const { url, embedded } = await resolveDatabase(env, () => undefined, { ownSignalHandling: false, attach: true });
  const ds = new DataSource({ ...typeormOptions(url, 2), migrationsRun: false });
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      console.error('The database has pending migrations: start the service once (npm start) or run npm run migration:run, then verify.');
      process.exitCode = 2;
      return;
    }
    const db = new Database(ds);
    const { failed } = await verifyAll(new IntegrityService(db), (line) => console.log(line), new PooledIntegrityService(db));
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('verify failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
