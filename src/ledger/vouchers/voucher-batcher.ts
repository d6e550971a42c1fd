import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Decimal from 'decimal.js';
import { Database } from '../../database/database.service';
import { BUSY, Slots, UnionGroupCommit } from '../../database/union-group-commit';
import { withinFunds } from '../domain/funds.rules';
import { Locked, LockMode, NewDraft, NewPosted, Posting, VouchersRepository } from './vouchers.repository';

/**
 * How long a shared batch waits for a row lock once it holds its unions' advisory locks: long enough for
 * another batch of ours on the same union to commit, short enough that a union held elsewhere costs the
 * others at most this much once (its requests then run in its lane).
 */
const SHARED: LockMode = { tryMs: 250, waitMs: null };
/** How long a lane waits for its union's locks before answering CONCURRENT_UPDATE (409, try again). */
const LANE: LockMode = { tryMs: null, waitMs: 30_000 };

/**
 * Group commit for the two writes of the voucher workflow made outside a caller's transaction: saving a
 * draft and posting one, each one statement however many vouchers of however many unions. Unions are kept
 * apart (UnionGroupCommit): a union whose locks are held elsewhere — a period being closed, a claim decision —
 * has its vouchers written in its own lane, and the batches of every other union go on.
 */
@Injectable()
export class VoucherBatcher {
  private readonly postings: UnionGroupCommit<PostingRequest, Posting | undefined>;
  private readonly drafts: UnionGroupCommit<NewDraft, { createdAt: Date } | undefined>;

  constructor(db: Database, vouchers: VouchersRepository, config: ConfigService) {
    // lanes wait on a connection each: a quarter of the pool between them at most
    const laneSlots = new Slots(Math.max(1, Math.floor((config.get<number>('DB_POOL_SIZE') ?? 10) / 4)));
    this.postings = new UnionGroupCommit(
      {
        shared: async (reqs) => busyOrResult(reqs, await vouchers.insertPostedLocking(db.manager, reqs.map((r) => r.row), SHARED)),
        lane: async (reqs) => (await vouchers.insertPostedLocking(db.manager, reqs.map((r) => r.row), LANE)).results,
      },
      {
        maxBatch: 64,
        laneSlots,
        // funds checked before a batch is formed: a voucher that would take a union past what it has (with
        // the union's others in the batch) goes to the union's lane, where the database's refusal is its own
        admit: (req, sameUnion) => withinFunds([...sameUnion, req].map((r) => r.outflows), req.available),
      },
    );
    this.drafts = new UnionGroupCommit(
      {
        shared: async (rows) => busyOrResult(rows, await vouchers.insertDraftsLocking(db.manager, rows, SHARED)),
        lane: async (rows) => (await vouchers.insertDraftsLocking(db.manager, rows, LANE)).results,
      },
      { maxBatch: 64, laneSlots },
    );
  }

  /**
   * undefined: a draft that changed since it was validated, and was not posted. `funds`: what the voucher
   * takes out of each guarded account, and what was available there when its context was read.
   */
  post(row: NewPosted, funds: { outflows: ReadonlyMap<string, Decimal>; available: ReadonlyMap<string, Decimal> }): Promise<Posting | undefined> {
    return this.postings.submit({ unionId: row.unionId, row, ...funds });
  }

  /** A new draft with its lines and its audit record. */
  async saveDraft(row: NewDraft): Promise<{ createdAt: Date }> {
    return (await this.drafts.submit(row))!;
  }
}

interface PostingRequest {
  unionId: string;
  row: NewPosted;
  outflows: ReadonlyMap<string, Decimal>;
  available: ReadonlyMap<string, Decimal>;
}

function busyOrResult<T>(rows: { unionId: string }[], written: Locked<T>): (T | typeof BUSY)[] {
  return rows.map((r, i) => (written.locked.has(r.unionId) ? written.results[i] : BUSY));
}
