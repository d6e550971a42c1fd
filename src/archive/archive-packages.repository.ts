import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ArchiveScope } from './domain/archive-scope.rules';
import type { Retention } from './domain/retention.rules';

export type PackageState = 'queued' | 'running' | 'done' | 'failed';

export interface ArchivePackage {
  unionId: string;
  id: string;
  scope: ArchiveScope;
  periodFrom: number;
  periodTo: number;
  version: number;
  state: PackageState;
  fileName: string | null;
  fileSize: string | null;
  sha256: string | null;
  itemCount: number | null;
  retention: Retention[];
  error: string | null;
  attempts: number;
  createdBy: string | null;
  createdByName: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const SELECT = `SELECT union_id AS "unionId", id, scope, period_from AS "periodFrom", period_to AS "periodTo", version, state,
    file_name AS "fileName", file_size::text AS "fileSize", sha256, item_count AS "itemCount", retention, error, attempts,
    created_by AS "createdBy", created_by_name AS "createdByName", created_at AS "createdAt", finished_at AS "finishedAt"
  FROM archive_packages`;

/** The archive register (档案登记): one row per package, final once done or failed, never deleted. */
@Injectable()
export class ArchivePackagesRepository {
  /** The next version of this scope: callers hold the union's archive lock (lockUnion). */
  async nextVersion(em: EntityManager, unionId: string, scope: ArchiveScope, from: number, to: number): Promise<number> {
    const [r]: { v: number }[] = await em.query(
      `SELECT coalesce(max(version), 0)::int + 1 AS v FROM archive_packages WHERE union_id = $1 AND scope = $2 AND period_from = $3 AND period_to = $4`,
      [unionId, scope, from, to],
    );
    return r.v;
  }

  /** Serialises the numbering of one union's packages (a transaction-scoped advisory lock). */
  async lockUnion(em: EntityManager, unionId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('archive_packages'), hashtext($1::text))`, [unionId]);
  }

  async insert(em: EntityManager, p: Pick<ArchivePackage, 'unionId' | 'id' | 'scope' | 'periodFrom' | 'periodTo' | 'version' | 'retention' | 'createdBy' | 'createdByName'>): Promise<void> {
    await em.query(
      `INSERT INTO archive_packages (union_id, id, scope, period_from, period_to, version, retention, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.unionId, p.id, p.scope, p.periodFrom, p.periodTo, p.version, JSON.stringify(p.retention), p.createdBy, p.createdByName],
    );
  }

  async find(em: EntityManager, unionId: string, id: string): Promise<ArchivePackage | null> {
    const rows: ArchivePackage[] = await em.query(`${SELECT} WHERE union_id = $1 AND id = $2`, [unionId, id]);
    return rows[0] ?? null;
  }

  async list(em: EntityManager, unionId: string): Promise<ArchivePackage[]> {
    return em.query(`${SELECT} WHERE union_id = $1 ORDER BY created_at DESC, id DESC`, [unionId]);
  }

  /** An attempt begins; false when the package is final already. */
  async start(em: EntityManager, unionId: string, id: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await em.query(
      `UPDATE archive_packages SET state = 'running', attempts = attempts + 1, error = NULL WHERE union_id = $1 AND id = $2 AND state IN ('queued', 'running')`,
      [unionId, id],
    );
    return count > 0;
  }

  async finish(em: EntityManager, unionId: string, id: string, r: { fileName: string; fileSize: number; sha256: string; itemCount: number }): Promise<void> {
    await em.query(
      `UPDATE archive_packages SET state = 'done', file_name = $3, file_size = $4, sha256 = $5, item_count = $6, finished_at = now()
        WHERE union_id = $1 AND id = $2 AND state = 'running'`,
      [unionId, id, r.fileName, r.fileSize, r.sha256, r.itemCount],
    );
  }

  async requeue(em: EntityManager, unionId: string, id: string): Promise<void> {
    await em.query(`UPDATE archive_packages SET state = 'queued' WHERE union_id = $1 AND id = $2 AND state = 'running'`, [unionId, id]);
  }

  async fail(em: EntityManager, unionId: string, id: string, error: string): Promise<void> {
    await em.query(`UPDATE archive_packages SET state = 'failed', error = $3 WHERE union_id = $1 AND id = $2 AND state IN ('queued', 'running')`, [unionId, id, error.slice(0, 500)]);
  }
}
