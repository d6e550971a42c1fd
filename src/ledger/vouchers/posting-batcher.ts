import { Injectable } from '@nestjs/common';
import { BatchQueue } from '../../database/batch-queue';
import { Database, sqlState } from '../../database/database.service';
import { NewPosted, Posting, VouchersRepository } from './vouchers.repository';

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Group commit for postings made outside a caller's transaction: postings waiting while others are in
 * flight go out together in one statement (one round trip, one commit, one WAL flush).
 *
 * A batch is sorted by union: the triggers take each union's locks row by row, so every batch takes them in
 * the same order and two batches cannot deadlock. A batch is all or nothing; when it fails (the rules were
 * checked beforehand, so rarely: a period closed meanwhile, an account deactivated), its vouchers are
 * posted one by one so that each caller gets its own answer.
 */
@Injectable()
export class PostingBatcher {
  private readonly queue: BatchQueue<NewPosted, Posting | undefined>;

  constructor(
    private readonly db: Database,
    private readonly vouchers: VouchersRepository,
  ) {
    this.queue = new BatchQueue((rows) => this.insert(rows), {
      maxInFlight: 4,
      maxBatch: 64,
      order: (a, b) => (a.unionId < b.unionId ? -1 : a.unionId > b.unionId ? 1 : 0),
      isolateFailures: true,
    });
  }

  /** undefined: a draft that changed since it was validated, and was not posted. */
  post(row: NewPosted): Promise<Posting | undefined> {
    return this.queue.submit(row);
  }

  private async insert(rows: NewPosted[], attempt = 1): Promise<(Posting | undefined)[]> {
    try {
      return await this.vouchers.insertPosted(this.db.manager, rows);
    } catch (err) {
      const state = sqlState(err);
      if (attempt < 3 && state && RETRYABLE.has(state)) return this.insert(rows, attempt + 1);
      throw err;
    }
  }
}
