import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ExportQueue } from './export-queue';
import { ConfigService } from '@nestjs/config';
import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { IntegrityService } from '../audit/integrity.service';
import { notFound } from '../common/errors/common.errors';
import { createPrivateFile, ensurePrivateDir } from '../common/files/private-files';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { periodRange } from '../ledger/domain/period-range';
import { PrincipalsService } from '../auth/principals.service';
import { ExportJob, ExportJobsRepository } from './export-jobs.repository';
import { estimateRows, ExportKind, writeExport } from './export-kinds';
import { ExportError } from './exports.errors';
import { Snapshot } from './snapshot';
import { exportContext, fileName, openBook, sha256Of } from './export-files';
import { runWorker } from './export-worker.runner';

/** Above this many rows (EXPORT_DIRECT_ROWS) an export is a background job; below, it may also stream straight back. */
export const DIRECT_LIMIT = 50_000;
const SWEEP_EVERY_MS = 60_000;

interface Request {
  unionId: string;
  kind: ExportKind;
  from: string;
  to: string;
}

/**
 * Audit exports (.xlsx): written from one consistent snapshot of the books through a database cursor,
 * either streamed straight to the caller (small) or as a background job whose file waits for download
 * for EXPORT_RETENTION_MINUTES. Jobs run one at a time in this process, so an export never starves the
 * postings of their connections.
 */
@Injectable()
export class ExportsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('exports');
  private readonly dir: string;
  readonly retentionMinutes: number;
  private readonly directLimit: number;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly jobs: ExportJobsRepository,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    private readonly queue: ExportQueue,
    private readonly principals: PrincipalsService,
    config: ConfigService,
  ) {
    this.dir = resolve(config.get<string>('EXPORT_DIR') ?? join(config.get<string>('DATA_DIR') ?? './data', 'exports'));
    this.retentionMinutes = Number(config.get('EXPORT_RETENTION_MINUTES') ?? 1440);
    this.directLimit = Number(config.get('EXPORT_DIRECT_ROWS') ?? DIRECT_LIMIT);
  }

  async onModuleInit(): Promise<void> {
    // finished exports are whole books: 0600 files in a 0700 folder
    await ensurePrivateDir(this.dir);
    await this.jobs.failInterrupted(this.db.manager);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async create(req: Request, actor: Actor): Promise<ExportJob> {
    periodRange(req.from, req.to);
    const id = uuidv7();
    const centerId = (await this.principals.unionScope(req.unionId))!.centerId;
    await this.db.transaction(async (em) => {
      await this.jobs.insert(em, { id, centerId, unionId: req.unionId, kind: req.kind, params: { from: req.from, to: req.to }, createdBy: actor.id, createdByName: actor.name });
      await this.audit.record(em, actor, [{ unionId: req.unionId, action: 'export.create', entityType: 'export', entityId: id, after: { kind: req.kind, from: req.from, to: req.to } }]);
    });
    this.queue.enqueue(() => this.run(id, req, actor));
    return (await this.jobs.find(this.db.manager, req.unionId, id))!;
  }

  /** A union's job, or with `{ centerId }` a center's. */
  async get(scope: { unionId: string } | { centerId: string }, id: string): Promise<ExportJob> {
    const job = 'unionId' in scope ? await this.jobs.find(this.db.manager, scope.unionId, id) : await this.jobs.findForCenter(this.db.manager, scope.centerId, id);
    if (!job) throw notFound('导出任务', { exportId: id });
    return job;
  }

  async file(scope: { unionId: string } | { centerId: string }, id: string): Promise<{ job: ExportJob; stream: Readable }> {
    const job = await this.get(scope, id);
    if (job.state === 'expired') throw new ExportError('EXPORT_EXPIRED', '导出文件已过保留期被删除，请重新导出');
    if (job.state === 'failed') throw new ExportError('EXPORT_NOT_READY', `${job.error ?? '导出失败'}（该导出不会再完成，请重新导出）`, { state: job.state, percent: job.percent });
    if (job.state !== 'done') {
      const state = job.state === 'queued' ? '排队中' : '正在导出';
      throw new ExportError('EXPORT_NOT_READY', `导出尚未完成（${state}，已完成 ${job.percent}%），请稍后再下载`, { state: job.state, percent: job.percent });
    }
    return { job, stream: createReadStream(this.path(id, job.unionId ? 'xlsx' : 'zip')) };
  }

  /** A small export straight into the response; larger ones are refused here and belong in a job. */
  async direct(req: Request, actor: Actor): Promise<{ fileName: string; stream: Readable }> {
    periodRange(req.from, req.to);
    const snap = await Snapshot.open(this.db.dataSource);
    try {
      const ctx = await exportContext(snap, req, actor, () => undefined);
      const rows = await estimateRows(req.kind, snap, ctx);
      if (rows > this.directLimit) {
        throw new ExportError('EXPORT_TOO_LARGE_FOR_DIRECT', `该导出约 ${rows} 行，超过 ${this.directLimit} 行，请通过 POST …/exports 作为后台任务导出`, { rows, limit: this.directLimit });
      }
      await this.audit.record(this.db.manager, actor, [{ unionId: req.unionId, action: 'export.download', entityType: 'export', entityId: null, after: { kind: req.kind, from: req.from, to: req.to, rows } }]);
      const out = new PassThrough();
      const book = openBook({ stream: out }, ctx, req.kind);
      void writeExport(req.kind, book, snap, ctx, () => this.integrity.verify(req.unionId))
        .then(() => book.close())
        .catch((err: Error) => out.destroy(err))
        .finally(() => snap.close().catch(() => undefined));
      return { fileName: fileName(ctx, req.kind), stream: out };
    } catch (err) {
      await snap.close();
      throw err;
    }
  }

  /** A job: written by a worker thread into `<id>.xlsx.part`, renamed when complete, then hashed. */
  private async run(id: string, req: Request, actor: Actor): Promise<void> {
    const em = this.db.manager;
    const part = `${this.path(id)}.part`;
    try {
      const integrity = req.kind === 'audit-pack' ? await this.integrity.verify(req.unionId) : null;
      await createPrivateFile(part);
      // the worker reports progress at its own pace (every 250 ms)
      const done = await runWorker(
        { databaseUrl: this.databaseUrl(), file: part, kind: req.kind, unionId: req.unionId, from: req.from, to: req.to, actorName: actor.name, integrity },
        async (m) => {
          if (m.type === 'total') await this.jobs.start(em, id, Math.max(1, m.rows));
          else if (m.type === 'progress') await this.jobs.progress(em, id, m.rows);
        },
      );
      await rename(part, this.path(id));
      const { size } = await stat(this.path(id));
      await this.jobs.finish(em, id, { fileName: done.fileName, fileSize: size, sha256: await sha256Of(this.path(id)), rowsDone: done.rows, retentionMinutes: this.retentionMinutes });
    } catch (err) {
      this.log.error(`export ${id} failed: ${(err as Error).stack ?? err}`);
      await rm(part, { force: true });
      await this.jobs.fail(em, id, '导出失败，请重试；如仍失败请联系管理员').catch(() => undefined);
    }
  }

  private databaseUrl(): string {
    return (this.db.dataSource.options as { url: string }).url;
  }

  private async sweep(): Promise<void> {
    try {
      for (const id of await this.jobs.expire(this.db.manager)) {
        await rm(this.path(id), { force: true });
        await rm(this.path(id, 'zip'), { force: true });
      }
    } catch (err) {
      this.log.warn(`export sweep: ${(err as Error).message}`);
    }
  }


  path(id: string, ext = 'xlsx'): string {
    return join(this.dir, `${id}.${ext}`);
  }
}

