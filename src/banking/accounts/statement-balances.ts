import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { StatementsRepository } from '../statements/statements.repository';

/** What the imported bank statements of a pooled account say: whether any line is in, and the balance at a date. */
@Injectable()
export class StatementBalances {
  constructor(private readonly statements: StatementsRepository) {}

  hasLines(em: EntityManager, centerId: string, bankAccountId: string): Promise<boolean> {
    return this.statements.hasLines(em, centerId, bankAccountId);
  }

  balanceAt(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<{ date: string; balance: Decimal } | null> {
    return this.statements.balanceAt(em, centerId, bankAccountId, date);
  }
}
