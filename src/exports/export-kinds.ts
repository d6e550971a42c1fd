import type { AttestedReport } from '../integrity/integrity.service';
import { ExportContext, firstDayOf, lastDayOf } from './sheets/export-context';
import { writeGeneralLedger, writeTrialBalance } from './sheets/balance.sheets';
import { writeLedgers, writeVoucherJournal } from './sheets/journal.sheets';
import { writeAuditLog, writeClaims, writeCover } from './sheets/records.sheets';
import { writeBudgetExecution, writeStatements } from './sheets/statement.sheets';
import { Snapshot } from './snapshot';
import { TableBook } from './xlsx/audit-workbook';
import { EXPORT_LABEL, type ExportKind } from './export-labels';

export { EXPORT_LABEL, ExportKinds, type ExportKind } from './export-labels';

type Writer = (book: TableBook, snap: Snapshot, ctx: ExportContext) => Promise<void>;

const WRITERS: Record<Exclude<ExportKind, 'audit-pack'>, Writer> = {
  statements: writeStatements,
  'budget-execution': writeBudgetExecution,
  'voucher-journal': writeVoucherJournal,
  'general-ledger': writeGeneralLedger,
  'subsidiary-ledgers': (b, s, c) => writeLedgers(b, s, c, { name: '明细账', title: '明细账' }),
  'cash-journal': (b, s, c) => writeLedgers(b, s, c, { name: '现金日记账', title: '现金日记账', root: '101' }),
  'bank-journal': (b, s, c) => writeLedgers(b, s, c, { name: '银行存款日记账', title: '银行存款日记账', root: '102' }),
  'trial-balance': writeTrialBalance,
  claims: writeClaims,
  'audit-log': writeAuditLog,
};

/** The pack holds every export as sheets, behind a cover with the integrity summary. */
const PACK: Exclude<ExportKind, 'audit-pack'>[] = [
  'statements',
  'budget-execution',
  'trial-balance',
  'general-ledger',
  'voucher-journal',
  'subsidiary-ledgers',
  'cash-journal',
  'bank-journal',
  'claims',
  'audit-log',
];

export async function writeExport(kind: ExportKind, book: TableBook, snap: Snapshot, ctx: ExportContext, integrity: () => Promise<AttestedReport>): Promise<void> {
  if (kind !== 'audit-pack') return WRITERS[kind](book, snap, ctx);
  await writeCover(book, ctx, await integrity(), PACK.map((k) => EXPORT_LABEL[k]));
  for (const k of PACK) await WRITERS[k](book, snap, ctx);
}

/** About how many rows an export writes: decides direct download or job, and gives the job its percent. */
export async function estimateRows(kind: ExportKind, snap: Snapshot, ctx: ExportContext): Promise<number> {
  const [c] = await snap.query<{ lines: number; cash: number; bank: number; claims: number; audit: number; accounts: number }>(
    `SELECT (SELECT count(*)::int FROM voucher_lines WHERE union_id = $1 AND voucher_date BETWEEN $2 AND $3) AS lines,
            (SELECT count(*)::int FROM voucher_lines WHERE union_id = $1 AND voucher_date BETWEEN $2 AND $3 AND account_code LIKE '101%') AS cash,
            (SELECT count(*)::int FROM voucher_lines WHERE union_id = $1 AND voucher_date BETWEEN $2 AND $3 AND account_code LIKE '102%') AS bank,
            (SELECT count(*)::int FROM claims WHERE union_id = $1 AND event_date BETWEEN $2 AND $3) AS claims,
            (SELECT count(*)::int FROM audit_log WHERE union_id = $1 AND at >= $2::date AND at < ($3::date + 1)) AS audit,
            (SELECT count(*)::int FROM accounts WHERE union_id = $1) AS accounts`,
    [ctx.unionId, firstDayOf(ctx.from), lastDayOf(ctx.to)],
  );
  const months = (Math.floor(ctx.to / 100) - Math.floor(ctx.from / 100)) * 12 + (ctx.to % 100) - (ctx.from % 100) + 1;
  const rows: Record<Exclude<ExportKind, 'audit-pack'>, number> = {
    statements: 2,
    'budget-execution': 30,
    'voucher-journal': c.lines,
    'general-ledger': 30 * months,
    'subsidiary-ledgers': c.lines,
    'cash-journal': c.cash,
    'bank-journal': c.bank,
    'trial-balance': c.accounts,
    // claims, their steps and documents: about five rows a claim
    claims: c.claims * 5,
    'audit-log': c.audit,
  };
  return kind === 'audit-pack' ? PACK.reduce((sum, k) => sum + rows[k], 0) : rows[kind];
}
