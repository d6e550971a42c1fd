import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';

/** What the imported bank statements of a pooled account say: whether any line is in, and the balance at a date. */
@Injectable()
export class StatementBalances {
  async hasLines(em: EntityManager, centerId: string, bankAccountId: string): Promise<boolean> {
    void em;
    void centerId;
    void bankAccountId;
    return false;
  }

  async balanceAt(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<{ date: string; balance: Decimal } | null> {
    void em;
    void centerId;
    void bankAccountId;
    void date;
    return null;
  }
}
