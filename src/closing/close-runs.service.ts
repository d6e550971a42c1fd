import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import type { Page } from '../common/http/pagination.dto';
import { formatPeriod, lastDayOf, parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { JobInterrupted } from '../jobs/job-failure';
import { JobContext, JobsService } from '../jobs/jobs.service';
import { LedgerClock } from '../ledger/ledger.clock';
import { LedgerError } from '../ledger/ledger.errors';
import { BatchCloseService } from './batch-close.service';
import { ClosingError } from './closing.errors';
import { CloseRun, CloseRunUnion, CloseRunsRepository } from './close-runs.repository';
import type { CloseOutcomeKind } from './dto/close-run.dto';

/** The job queue of close runs (made by migration CloseRuns). */
export const CLOSE_RUN_QUEUE = 'close-run';

export interface CloseRunJobData {
  centerId: string;
  runId: string;
}

/**
 * 批量结账 as a background job (a close run): the center's unions (or those named) are recorded as pending
 * when the run starts, and the job closes them one by one, each in its own transaction that also records
 * its outcome. A job stopped half-way (the service stopping, the process dying, the database gone for a
 * moment) runs again and does only the unions still pending; closing is idempotent besides, so a union
 * closed meanwhile by hand is reported as closed before. One live run per center and month.
 */
@Injectable()
export class CloseRunsService {
  constructor(
    private readonly db: Database,
    private readonly runs: CloseRunsRepository,
    private readonly batch: BatchCloseService,
    private readonly jobs: JobsService,
    private readonly clock: LedgerClock,
  ) {
    jobs.define<CloseRunJobData>({
      queue: CLOSE_RUN_QUEUE,
      concurrency: 1,
      run: (data, ctx) => this.run(data, ctx),
      failed: (data, reason) => this.runs.fail(this.db.manager, data.runId, reason),
    });
  }

  async start(centerId: string, periodText: string, unionIds: string[] | undefined, actor: Actor): Promise<CloseRun> {
    const period = parsePeriod(periodText);
    // a month that has not ended closes for no union: said once, not once per union
    if (this.clock.today() <= lastDayOf(period)) {
      throw new LedgerError('PERIOD_NOT_ENDED', `${periodText} 尚未结束（月末最后一天过后才能结账）`, { lastDay: lastDayOf(period) });
    }
    const id = uuidv7();
    const wanted = unionIds ? [...new Set(unionIds)] : undefined;
    try {
      await this.db.transaction(async (em) => {
        const unions = await this.batch.unionsOf(em, centerId, wanted);
        if (wanted && unions.length < wanted.length) {
          const known = new Set(unions.map((u) => u.id));
          const unknown = wanted.filter((x) => !known.has(x));
          throw new ClosingError('CLOSE_RUN_UNIONS_INVALID', `所列工会中有 ${unknown.length} 个不存在或不属于本中心，未开始结账`, { unionIds: unknown });
        }
        await this.runs.insert(em, { id, centerId, period, total: unions.length, createdBy: actor.id, createdByUsername: actor.username, createdByName: actor.name }, unions.map((u) => u.id));
        await this.jobs.send<CloseRunJobData>(CLOSE_RUN_QUEUE, { centerId, runId: id }, em);
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'ux_close_runs_live') {
        const live = await this.runs.live(this.db.manager, centerId, period);
        throw new ClosingError('CLOSE_RUN_RUNNING', `本中心 ${formatPeriod(period)} 的批量结账正在进行，请等它完成后再试`, { runId: live });
      }
      throw err;
    }
    this.jobs.wake(CLOSE_RUN_QUEUE);
    return (await this.runs.find(this.db.manager, centerId, id))!;
  }

  async get(centerId: string, id: string, f: { outcome?: CloseOutcomeKind; page: number; pageSize: number }): Promise<{ run: CloseRun; unions: Page<CloseRunUnion> }> {
    const run = await this.runs.find(this.db.manager, centerId, id);
    if (!run) throw notFound('批量结账', { runId: id });
    return { run, unions: await this.runs.unions(this.db.manager, run, f) };
  }

  list(centerId: string, f: { period?: string; page: number; pageSize: number }): Promise<Page<CloseRun>> {
    return this.runs.list(this.db.manager, centerId, { period: f.period ? parsePeriod(f.period) : undefined, page: f.page, pageSize: f.pageSize });
  }

  /** One attempt at a run: the unions still pending, then the run is done. */
  private async run(data: CloseRunJobData, ctx: JobContext): Promise<void> {
    const run = await this.runs.start(this.db.manager, data.runId);
    if (!run) return;
    const actor: Actor = { id: run.createdBy, username: run.createdByUsername, name: run.createdByName, requestId: null, ip: null };
    const pending = await this.runs.pending(this.db.manager, run);
    await this.batch.each(
      pending,
      async (u) => {
        await this.batch.closeUnion(u, run.period, actor, (em, outcome) => this.runs.record(em, u.id, run.id, outcome), true);
      },
      () => ctx.signal.aborted,
    );
    // given up for the shutdown: the unions left are done by the next attempt
    if (ctx.signal.aborted) throw new JobInterrupted(`close run ${run.id} interrupted`);
    await this.runs.finish(this.db.manager, run.id);
  }
}
