import Decimal from 'decimal.js';
import { ConfigService } from '@nestjs/config';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Actor } from '../../src/common/http/actor.decorator';
import { Database } from '../../src/database/database.service';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { BooksRepository } from '../../src/ledger/books.repository';
import { outflows } from '../../src/ledger/domain/funds.rules';
import { ValidVoucher } from '../../src/ledger/domain/voucher.rules';
import { VoucherBatcher } from '../../src/ledger/vouchers/voucher-batcher';
import { VoucherContextLoader } from '../../src/ledger/vouchers/voucher-context.loader';
import { VouchersRepository } from '../../src/ledger/vouchers/vouchers.repository';

/** The 4-line voucher of task `n`: two expenses paid from the union's bank share and from cash. */
export function voucherLines(n: number) {
  const a = 100 + (n % 900);
  const b = 50 + (n % 450);
  const c = 10 + (n % 40);
  return [
    { summary: '职工活动', account: '50105', debit: `${a}.00` },
    { summary: '经审会会议', account: '50502', debit: `${b}.50` },
    { summary: '集中户支付', account: '10201', credit: `${a + b - c}.50` },
    { summary: '现金支付', account: '101', credit: `${c}.00` },
  ];
}

export const dateOf = (n: number) => `2026-11-${String((n % 28) + 1).padStart(2, '0')}`;

export interface RawPosting {
  /** A pool on the bench database (also for the bench's own checks); ended by `close()`. */
  pool: Pool;
  /** One voucher prepared and posted with the service's own statements, straight through `pg`. */
  postRaw(worker: number, n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The posting ceiling: the same statements in the same shape as the service, straight through `pg` — the
 * context read and the draft insert, then the draft read, the context read and the posting, batched as the
 * service batches them (one statement reads every waiting context; one inserts every waiting draft with its
 * lines and audit records; one inserts every waiting voucher with its lines, deletes their drafts, and
 * triggers number, balance, chain and check them). The unions should be
 * funded on 10201 (opening balances), as the benches fund them.
 */
export interface RawVoucher {
  date: string;
  period: number;
  lines: { summary: string; account: string; debit?: string; credit?: string }[];
}

export function rawPosting(
  env: { databaseUrl: string },
  opts: { unions: string[]; poolSize: number; voucher?: (n: number) => RawVoucher; unionOf?: (worker: number, n: number) => string },
): RawPosting {
  const { unions } = opts;
  const preparer: Actor = { id: null, username: 'bench-prep', name: 'accountant', requestId: null, ip: null };
  const poster: Actor = { id: null, username: 'bench-review', name: 'director', requestId: null, ip: null };

  const pool = new Pool({ connectionString: env.databaseUrl, max: opts.poolSize, options: SESSION_OPTIONS });
  const books = new BooksRepository();
  const vouchers = new VouchersRepository();
  // The repositories' own statements, run as the service runs them: named prepared statements on
  // pooled connections, the context read and the posting, each through the same batching.
  const em = { connection: { driver: { master: pool } }, query: (sql: string, p?: unknown[]) => pool.query(sql, p).then((r) => r.rows) } as unknown as EntityManager;
  const batcher = new VoucherBatcher({ manager: em } as Database, vouchers, new ConfigService({ DB_POOL_SIZE: opts.poolSize }));
  const contexts = new VoucherContextLoader({ manager: em } as Database, books);
  const postRaw = async (worker: number, n: number) => {
    const unionId = opts.unionOf ? opts.unionOf(worker, n) : unions[(worker * 7919 + n + 1) % unions.length];
    const shape = opts.voucher?.(n) ?? { date: dateOf(n), period: 202611, lines: voucherLines(n) };
    const lines = shape.lines.map((l, i) => ({
      lineNo: i + 1,
      summary: l.summary,
      accountCode: l.account,
      side: (l.debit ? 'debit' : 'credit') as 'debit' | 'credit',
      amount: new Decimal(l.debit ?? l.credit!),
      projectCode: null,
      fundType: /^[45]/.test(l.account) ? ('unrestricted' as const) : null,
    }));
    const total = lines.filter((l) => l.side === 'debit').reduce((sum, l) => sum.plus(l.amount), new Decimal(0));
    const v: ValidVoucher = { date: shape.date, period: shape.period, type: 'general', red: false, attachmentCount: 0, lines, total };
    const wanted = { period: shape.period, accountCodes: shape.lines.map((l) => l.account), projectCodes: [] };
    const id = uuidv7();
    await contexts.load(em, unionId, wanted);
    await batcher.saveDraft({ unionId, id, voucher: v, source: 'manual', preparer });
    const draft = await vouchers.draftForPosting(em, unionId, id);
    const ctx = await contexts.load(em, unionId, wanted);
    const posting = await batcher.post(
      { unionId, id, voucher: v, source: 'manual', preparer, poster, preparedAt: draft!.createdAt, draftVersion: 1 },
      { outflows: outflows(v.lines), available: ctx.funds },
    );
    if (!posting) throw new Error('draft changed');
  };
  return { pool, postRaw, close: () => pool.end() };
}
