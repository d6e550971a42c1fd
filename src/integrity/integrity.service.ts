import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../database/database.service';
import { Anchors, BooksVerifier, IntegrityReport } from './books-verifier';
import { Query } from './chain-readers';
import { CheckpointsService } from './checkpoints.service';
import { Checkpoint, SignedHead } from './domain/checkpoint.rules';

export type { IntegrityReport } from './books-verifier';

/** What an export cover carries: the verification and the checkpoint that signs what it verified. */
export interface AttestedReport {
  report: IntegrityReport;
  checkpoint: Checkpoint | null;
}

const asQuery =
  (em: EntityManager): Query =>
  (sql, params) =>
    em.query(sql, params);

/**
 * Verification of a union's books (BooksVerifier) in one read snapshot, against the latest signed
 * checkpoint; and the attested form an export cover carries.
 */
@Injectable()
export class IntegrityService {
  constructor(
    private readonly db: Database,
    private readonly checkpoints: CheckpointsService,
  ) {}

  /** The latest signed heads of a union's chains. */
  anchors(unionId: string): Anchors {
    return this.checkpoints.anchors(unionId);
  }

  /** In a snapshot of its own (GET …/integrity). */
  verify(unionId: string): Promise<IntegrityReport> {
    return this.db.readSnapshot((em) => this.verifyIn(em, unionId));
  }

  /** In the caller's snapshot (an export's, so the cover and the sheets show the same moment). */
  verifyIn(em: EntityManager, unionId: string): Promise<IntegrityReport> {
    return new BooksVerifier(asQuery(em)).verify(unionId, this.checkpoints.anchors(unionId));
  }

  /** Verifies in the caller's snapshot and signs the heads of every chain that verified. */
  async attest(em: EntityManager, unionIds: string[]): Promise<AttestedReport[]> {
    const reports: IntegrityReport[] = [];
    for (const id of unionIds) reports.push(await this.verifyIn(em, id));
    return this.sign(reports);
  }

  /** Signs the verified heads of these reports (one checkpoint line for all of them). */
  async sign(reports: IntegrityReport[]): Promise<AttestedReport[]> {
    const heads: SignedHead[] = [];
    for (const r of reports) {
      for (const [chain, s] of [['audit', r.audit], ['records', r.records], ['vouchers', r.legacyVouchers]] as const) {
        if (s.ok && s.count > 0) heads.push([r.unionId, chain, s.count, s.lastHash!]);
      }
    }
    const checkpoint = heads.length > 0 ? await this.checkpoints.checkpointHeads(heads) : null;
    return reports.map((report) => ({ report, checkpoint }));
  }

}
