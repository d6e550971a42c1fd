import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchQueue } from '../../database/batch-queue';
import { Database } from '../../database/database.service';
import { BooksRepository, ContextWanted, UnionVoucherContext } from '../books.repository';

/**
 * The books as the voucher rules need them. Inside a transaction, read on its connection; otherwise reads
 * waiting while one is in flight are answered by one query together (one at a time: under load the batches
 * grow instead, which costs the database far less per voucher than more, smaller queries).
 */
@Injectable()
export class VoucherContextLoader {
  private readonly queue: BatchQueue<{ unionId: string; want: ContextWanted }, UnionVoucherContext | Error>;

  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
  ) {
    this.queue = new BatchQueue((requests) => this.books.voucherContexts(this.db.manager, requests), { maxInFlight: 1, maxBatch: 64 });
  }

  async load(em: EntityManager, unionId: string, want: ContextWanted): Promise<UnionVoucherContext> {
    if (em.queryRunner?.isTransactionActive) return this.books.voucherContext(em, unionId, want);
    const ctx = await this.queue.submit({ unionId, want });
    if (ctx instanceof Error) throw ctx;
    return ctx;
  }
}
