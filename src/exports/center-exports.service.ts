import { Injectable } from '@nestjs/common';
import archiver from 'archiver';
import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { IntegrityService } from '../integrity/integrity.service';
import { createPrivateFile, privateWriteStream } from '../common/files/private-files';
import { Actor } from '../common/http/actor.decorator';
import { parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { periodRange } from '../ledger/domain/period-range';
import { ExportJob, ExportJobsRepository } from './export-jobs.repository';
import { exportContext, fileName, openBook, sha256Of } from './export-files';
import { estimateRows, writeExport } from './export-kinds';
import { EXPORT_QUEUE, ExportsService } from './exports.service';
import { JobContext, JobsService } from '../jobs/jobs.service';
import { JobInterrupted } from '../jobs/job-failure';
import { writeConsolidatedStatements } from './sheets/statement.sheets';
import { writeReconciliation } from './sheets/reconciliation.sheet';
import { writeCenterSummary } from './sheets/summary.sheet';
import { LedgerClock } from '../ledger/ledger.clock';
import { Snapshot } from './snapshot';
import { AuditWorkbook } from './xlsx/audit-workbook';

/**
 * A center's audit export: the audit pack of every union of the center as one .zip of workbooks, with a
 * summary workbook (one row per union, and each pooled account's 银行存款余额调节表 with its reconciling
 * items), all from one snapshot. Always a background job.
 */
@Injectable()
export class CenterExportsService {
  constructor(
    private readonly db: Database,
    private readonly jobs: ExportJobsRepository,
    private readonly files: ExportsService,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    private readonly jobQueue: JobsService,
    private readonly clock: LedgerClock,
  ) {}

  async create(centerId: string, range: { from: string; to: string }, actor: Actor): Promise<ExportJob> {
    periodRange(range.from, range.to);
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      await this.jobs.insert(em, { id, centerId, unionId: null, kind: 'center-pack', params: range, createdBy: actor.id, createdByName: actor.name });
      await this.audit.record(em, actor, [{ unionId: null, action: 'export.create', entityType: 'export', entityId: id, after: { centerId, kind: 'center-pack', ...range } }]);
      await this.jobQueue.send(EXPORT_QUEUE, { exportId: id }, em);
    });
    this.jobQueue.wake(EXPORT_QUEUE);
    return (await this.jobs.findForCenter(this.db.manager, centerId, id))!;
  }

  /** One attempt at a center pack job; a failed attempt leaves no file and puts the job back in its queue. */
  async runJob(job: ExportJob, ctx: JobContext): Promise<void> {
    const { id, centerId, params: range } = job;
    const actor = { name: job.createdByName };
    const em = this.db.manager;
    const path = this.files.path(id, 'zip');
    let snap: Snapshot | null = null;
    const parts: string[] = [];
    try {
      snap = await Snapshot.open(this.db.dataSource);
      const unions = await snap.query<{ id: string }>(`SELECT id FROM unions WHERE center_id = $1 ORDER BY code`, [centerId]);
      const [center] = await snap.query<{ name: string }>(`SELECT name FROM centers WHERE id = $1`, [centerId]);
      let total = 1;
      let done = 0;
      let last = 0;
      const progress = (n: number) => {
        if (ctx.signal.aborted) throw new JobInterrupted(`export ${id} interrupted`);
        done += n;
        if (Date.now() - last < 500) return;
        last = Date.now();
        void this.jobs.progress(em, id, done).catch(() => undefined);
      };
      for (const u of unions) total += await estimateRows('audit-pack', snap, await exportContext(snap, { unionId: u.id, ...range }, actor, this.clock.zone, progress));
      await this.jobs.total(em, id, total);

      // each workbook goes to a file first and joins the zip from there: the zip reads its entries one after
      // another, so a workbook streamed straight in would wait, buffered in memory, behind the one before
      const zip = archiver('zip', { zlib: { level: 1 } }); // the workbooks inside are compressed already
      const written = pipeline(zip, privateWriteStream(`${path}.part`));
      const add = async (name: string, write: (book: AuditWorkbook) => Promise<void>, book: (file: string) => AuditWorkbook) => {
        const file = `${path}.${parts.length}.xlsx`;
        parts.push(file);
        await createPrivateFile(file);
        const wb = book(file);
        await write(wb);
        await wb.close();
        zip.append(createReadStream(file), { name });
      };
      await add(
        `00-汇总表-${range.from}-${range.to}.xlsx`,
        async (wb) => {
          const months = { from: parsePeriod(range.from), to: parsePeriod(range.to) };
          await writeCenterSummary(wb, snap!, { centerId, centerName: center.name, ...months });
          await writeConsolidatedStatements(wb, snap!, { centerId, ...months });
          await writeReconciliation(wb, snap!, { centerId, to: months.to, zone: this.clock.zone });
        },
        (file) => new AuditWorkbook({ filename: file }, { title: `${center.name} 各工会汇总表`, subject: `${range.from}–${range.to}`, creator: actor.name, keywords: 'center-pack', description: center.name, timeZone: this.clock.zone }),
      );
      for (const u of unions) {
        const ctx = await exportContext(snap, { unionId: u.id, ...range }, actor, this.clock.zone, progress);
        await add(
          fileName(ctx, 'audit-pack'),
          (wb) => writeExport('audit-pack', wb, snap!, ctx, async () => (await this.integrity.attest(snap!.manager, [u.id]))[0]),
          (file) => openBook({ filename: file }, ctx, 'audit-pack'),
        );
      }
      await zip.finalize();
      await written;
      for (const part of parts) await rm(part, { force: true });
      await rename(`${path}.part`, path);
      const { size } = await stat(path);
      await this.jobs.finish(em, id, { fileName: `${center.name}-审计资料-${range.from}-${range.to}.zip`, fileSize: size, sha256: await sha256Of(path), rowsDone: done, retentionMinutes: this.files.retentionMinutes });
    } catch (err) {
      for (const part of [`${path}.part`, ...parts]) await rm(part, { force: true });
      await this.jobs.requeue(em, id).catch(() => undefined);
      throw ctx.signal.aborted ? new JobInterrupted(`export ${id} interrupted`) : err;
    } finally {
      await snap?.close().catch(() => undefined);
    }
  }
}
