import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createReadStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { IntegrityService } from '../integrity/integrity.service';
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
import { LedgerClock } from '../ledger/ledger.clock';
import { JobContext, JobsService } from '../jobs/jobs.service';
import { JobInterrupted } from '../jobs/job-failure';

/** Above this many rows (EXPORT_DIRECT_ROWS) an export is a background job; below, it may also stream straight back. */
export const DIRECT_LIMIT = 50_000;
/** The job queue of exports (made by migration JobQueue). */
export const EXPORT_QUEUE = 'export';

interface Request {
  unionId: string;
  kind: ExportKind;
  from: string;
  to: string;
  /** Jobs only: the PDFs beside the workbook, in one zip. */
  pdf?: boolean;
}

/**
 * Audit exports (.xlsx): written from one consistent snapshot of the books through a database cursor,
 * either streamed straight to the caller (small) or as a background job (queue `export`, run by any
 * service process, EXPORT_CONCURRENCY at a time) whose file waits for download for
 * EXPORT_RETENTION_MINUTES. Files live in EXPORT_DIR, which every process must share.
 */
@Injectable()
export class ExportsService implements OnModuleInit {
  private readonly log = new Logger('exports');
  private readonly dir: string;
  readonly retentionMinutes: number;
  private readonly directLimit: number;

  constructor(
    private readonly db: Database,
    private readonly jobs: ExportJobsRepository,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    private readonly jobQueue: JobsService,
    private readonly principals: PrincipalsService,
    private readonly clock: LedgerClock,
    config: ConfigService,
  ) {
    this.dir = resolve(config.get<string>('EXPORT_DIR') ?? join(config.get<string>('DATA_DIR') ?? './data', 'exports'));
    this.retentionMinutes = Number(config.get('EXPORT_RETENTION_MINUTES') ?? 1440);
    this.directLimit = Number(config.get('EXPORT_DIRECT_ROWS') ?? DIRECT_LIMIT);
  }

  async onModuleInit(): Promise<void> {
    // finished exports are whole books: 0600 files in a 0700 folder
    await ensurePrivateDir(this.dir);
  }

  async create(req: Request, actor: Actor): Promise<ExportJob> {
    periodRange(req.from, req.to);
    const id = uuidv7();
    const centerId = (await this.principals.unionScope(req.unionId))!.centerId;
    await this.db.transaction(async (em) => {
      const params = { from: req.from, to: req.to, ...(req.pdf ? { pdf: true } : {}) };
      await this.jobs.insert(em, { id, centerId, unionId: req.unionId, kind: req.kind, params, createdBy: actor.id, createdByName: actor.name });
      await this.audit.record(em, actor, [{ unionId: req.unionId, action: 'export.create', entityType: 'export', entityId: id, after: { kind: req.kind, ...params } }]);
      await this.jobQueue.send(EXPORT_QUEUE, { exportId: id }, em);
    });
    this.jobQueue.wake(EXPORT_QUEUE);
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
    return { job, stream: createReadStream(this.path(id, extensionOf(job))) };
  }

  /** A small export straight into the response; larger ones are refused here and belong in a job. */
  async direct(req: Request, actor: Actor): Promise<{ fileName: string; stream: Readable }> {
    periodRange(req.from, req.to);
    const snap = await Snapshot.open(this.db.dataSource);
    try {
      const ctx = await exportContext(snap, req, actor, this.clock.zone, () => undefined);
      const rows = await estimateRows(req.kind, snap, ctx);
      if (rows > this.directLimit) {
        throw new ExportError('EXPORT_TOO_LARGE_FOR_DIRECT', `该导出约 ${rows} 行，超过 ${this.directLimit} 行，请通过 POST …/exports 作为后台任务导出`, { rows, limit: this.directLimit });
      }
      await this.audit.record(this.db.manager, actor, [{ unionId: req.unionId, action: 'export.download', entityType: 'export', entityId: null, after: { kind: req.kind, from: req.from, to: req.to, rows } }]);
      const out = new PassThrough();
      const book = openBook({ stream: out }, ctx, req.kind);
      void writeExport(req.kind, book, snap, ctx, async () => (await this.integrity.attest(snap.manager, [req.unionId]))[0])
        .then(() => book.close())
        .catch((err: Error) => out.destroy(err))
        .finally(() => snap.close().catch(() => undefined));
      return { fileName: fileName(ctx, req.kind), stream: out };
    } catch (err) {
      await snap.close();
      throw err;
    }
  }

  /**
   * One attempt at a union's export job: written by a worker thread into `<id>.xlsx.part`, renamed when
   * complete, then hashed. A failed attempt leaves no file and puts the job back in its queue; the job
   * runner decides whether it runs again.
   */
  async runUnionJob(job: ExportJob, ctx: JobContext): Promise<void> {
    const em = this.db.manager;
    const file = this.path(job.id, extensionOf(job));
    const part = `${file}.part`;
    const kind = job.kind as ExportKind;
    try {
      const anchors = this.integrity.anchors(job.unionId!);
      await createPrivateFile(part);
      // the worker reports progress at its own pace (every 250 ms); it verifies the books for the cover in
      // its own snapshot, and this thread signs what it verified
      const done = await runWorker(
        {
          databaseUrl: this.databaseUrl(),
          file: part,
          kind,
          unionId: job.unionId!,
          from: job.params.from,
          to: job.params.to,
          actorName: job.createdByName,
          timeZone: this.clock.zone,
          anchors,
          pdf: job.params.pdf === true,
        },
        async (m, reply) => {
          if (m.type === 'total') await this.jobs.total(em, job.id, m.rows);
          else if (m.type === 'progress') await this.jobs.progress(em, job.id, m.rows);
          else if (m.type === 'verified') {
            const attested = await this.integrity.sign([m.report]).then((a) => a[0], () => ({ report: m.report, checkpoint: null }));
            reply({ type: 'attested', attested });
          }
        },
        ctx.signal,
      );
      await rename(part, file);
      const { size } = await stat(file);
      await this.jobs.finish(em, job.id, { fileName: done.fileName, fileSize: size, sha256: await sha256Of(file), rowsDone: done.rows, retentionMinutes: this.retentionMinutes });
    } catch (err) {
      await rm(part, { force: true });
      // a worker stopped half-way leaves its workbook and PDFs beside the part (<part>.xlsx, <part>.N.pdf)
      for (const f of await readdir(this.dir).catch(() => [] as string[])) if (f.startsWith(`${basename(part)}.`)) await rm(join(this.dir, f), { force: true });
      await this.jobs.requeue(em, job.id).catch(() => undefined);
      throw ctx.signal.aborted ? new JobInterrupted(`export ${job.id} interrupted`) : err;
    }
  }

  private databaseUrl(): string {
    return (this.db.dataSource.options as { url: string }).url;
  }

  /** Finished files whose time is up: removed, their jobs marked expired (once a minute, in one process). */
  async sweep(): Promise<void> {
    try {
      for (const id of await this.jobs.expire(this.db.manager)) {
        await rm(this.path(id), { force: true });
        await rm(this.path(id, 'zip'), { force: true });
      }
    } catch (err) {
      this.log.warn(`export sweep: ${(err as Error).message}`);
    }
  }


  path(id: string, ext: 'xlsx' | 'zip' = 'xlsx'): string {
    return join(this.dir, `${id}.${ext}`);
  }
}

/** A union's workbook alone is .xlsx; with its PDFs, and a center's pack, a .zip. */
export function extensionOf(job: Pick<ExportJob, 'unionId' | 'params'>): 'xlsx' | 'zip' {
  return job.unionId && job.params.pdf !== true ? 'xlsx' : 'zip';
}
