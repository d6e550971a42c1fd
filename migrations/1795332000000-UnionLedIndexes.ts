import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every index of a per-union table leads with union_id (docs/scaling.md): the claims waiting for a step are
 * found union by union (the tasks query names the unions of a center), never across all unions first.
 */
export class UnionLedIndexes1795332000000 implements MigrationInterface {
  name = 'UnionLedIndexes1795332000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_claims_waiting`);
    await q.query(`CREATE INDEX ix_claims_waiting ON claims (union_id, status, updated_at) WHERE status IN ('submitted', 'approved', 'reviewed', 'returned')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_claims_waiting`);
    await q.query(`CREATE INDEX ix_claims_waiting ON claims (status, union_id) WHERE status IN ('submitted', 'approved', 'reviewed', 'returned')`);
  }
}
