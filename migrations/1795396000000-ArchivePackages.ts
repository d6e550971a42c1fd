import { MigrationInterface, QueryRunner } from 'typeorm';
import { chainTable, unchainTable } from './chains';
import { allowServiceChanges, revokeServiceChanges } from './roles';

/**
 * The archive register (会计档案, issue 14): one row per archive package of a union — scope, periods,
 * version, who made it and when, the zip's size and SHA-256, its retention due dates. A package is made by
 * a background job (queue `archive`), so its row moves queued → running → done | failed, and is never
 * changed after that nor deleted (no DELETE grant, and a trigger refuses both). Re-archiving a scope makes
 * the next version. The register is part of the union's books chain.
 */
export class ArchivePackages1795396000000 implements MigrationInterface {
  name = 'ArchivePackages1795396000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE archive_packages (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        scope varchar(8) NOT NULL,
        period_from integer NOT NULL,
        period_to integer NOT NULL,
        version integer NOT NULL,
        state varchar(8) NOT NULL DEFAULT 'queued',
        file_name varchar(200),
        file_size bigint,
        sha256 char(64),
        item_count integer,
        retention jsonb NOT NULL,
        error varchar(500),
        attempts smallint NOT NULL DEFAULT 0,
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_archive_packages PRIMARY KEY (union_id, id),
        CONSTRAINT uq_archive_packages_version UNIQUE (union_id, scope, period_from, period_to, version),
        CONSTRAINT fk_archive_packages_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_archive_packages_scope CHECK (scope IN ('month', 'year', 'all')),
        CONSTRAINT ck_archive_packages_state CHECK (state IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_archive_packages_periods CHECK (period_from <= period_to AND period_from % 100 BETWEEN 1 AND 12 AND period_to % 100 BETWEEN 1 AND 12),
        CONSTRAINT ck_archive_packages_version CHECK (version >= 1),
        CONSTRAINT ck_archive_packages_done CHECK ((state = 'done') = (sha256 IS NOT NULL AND file_size IS NOT NULL AND finished_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_archive_packages_created ON archive_packages (union_id, created_at)`);
    await allowServiceChanges(q, 'archive_packages', { update: ['state', 'file_name', 'file_size', 'sha256', 'item_count', 'error', 'attempts', 'finished_at'] });
    // a finished package's entry is a record: it stays as it was made, and no entry is ever removed
    await q.query(`
      CREATE FUNCTION archive_packages_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'archive packages are never deleted' USING ERRCODE = 'P0001';
        END IF;
        IF OLD.state IN ('done', 'failed') THEN
          RAISE EXCEPTION 'archive package % is final', OLD.id USING ERRCODE = 'P0001';
        END IF;
        IF (NEW.union_id, NEW.id, NEW.scope, NEW.period_from, NEW.period_to, NEW.version, NEW.retention, NEW.created_by, NEW.created_by_name, NEW.created_at)
           IS DISTINCT FROM (OLD.union_id, OLD.id, OLD.scope, OLD.period_from, OLD.period_to, OLD.version, OLD.retention, OLD.created_by, OLD.created_by_name, OLD.created_at) THEN
          RAISE EXCEPTION 'what archive package % holds cannot change', OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION archive_packages_guard() SET search_path = public, pg_temp`);
    await q.query(`CREATE TRIGGER archive_packages_guard BEFORE UPDATE OR DELETE ON archive_packages FOR EACH ROW EXECUTE FUNCTION archive_packages_guard()`);
    await chainTable(q, { table: 'archive_packages', union: 'union_id', key: ['id'] });

    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'archive',
      JSON.stringify({ policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 6 * 3600, retentionMinutes: 7 * 24 * 60 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pgboss.delete_queue('archive')`);
    await unchainTable(q, 'archive_packages');
    await revokeServiceChanges(q, 'archive_packages');
    await q.query(`DROP TABLE archive_packages`);
    await q.query(`DROP FUNCTION archive_packages_guard()`);
  }
}
