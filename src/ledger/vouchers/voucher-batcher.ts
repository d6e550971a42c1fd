import { Injectable } from '@nestjs/common';
import { BatchQueue, unionBatches } from '../../database/batch-queue';
import { Database } from '../../database/database.service';
import { NewDraft, NewPosted, Posting, VouchersRepository } from './vouchers.repository';

/**
 * Group commit for the two writes of the voucher workflow made outside a caller's transaction: saving a
 * draft and posting one. Each is a single statement whatever the batch size; a batch is all or nothing,
 * and rarely fails (the rules were checked beforehand: a period closed meanwhile, an account deactivated),
 * in which case its writes are replayed one by one.
 */
@Injectable()
export class VoucherBatcher {
  private readonly postings: BatchQueue<NewPosted, Posting | undefined>;
  private readonly drafts: BatchQueue<NewDraft, { createdAt: Date }>;

  constructor(db: Database, vouchers: VouchersRepository) {
    this.postings = unionBatches((rows) => vouchers.insertPosted(db.manager, rows));
    this.drafts = unionBatches((rows) => vouchers.insertDrafts(db.manager, rows));
  }

  /** undefined: a draft that changed since it was validated, and was not posted. */
  post(row: NewPosted): Promise<Posting | undefined> {
    return this.postings.submit(row);
  }

  /** A new draft with its lines and its audit record. */
  saveDraft(row: NewDraft): Promise<{ createdAt: Date }> {
    return this.drafts.submit(row);
  }
}
