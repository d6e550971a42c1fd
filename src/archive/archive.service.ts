import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import archiver from 'archiver';
import { sign } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { ensurePrivateDir, privateWriteStream } from '../common/files/private-files';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { sha256Of } from '../exports/export-files';
import { Snapshot } from '../exports/snapshot';
import { checkpointPaths, loadSigningKey, SigningKey } from '../integrity/checkpoint-files';
import { IntegrityService } from '../integrity/integrity.service';
import { JobInterrupted } from '../jobs/job-failure';
import { JobContext, JobsService } from '../jobs/jobs.service';
import { PrintService } from '../print/print.service';
import { PDF_ROW_LIMIT } from '../print/pdf/table-book.pdf';
import { InterchangeService } from '../interchange/interchange.service';
import { LedgerClock } from '../ledger/ledger.clock';
import { ArchivePackage, ArchivePackagesRepository } from './archive-packages.repository';
import { ArchiveError } from './archive.errors';
import { ArchiveScope, openPeriods, SCOPE_LABEL, yearPeriods } from './domain/archive-scope.rules';
import { manifestBytes, MANIFEST_PATH, SIGNATURE_PATH } from './domain/manifest';
import { packageRetention } from './domain/package-plan';
import { ArchiveVerification, verifyPackage } from './domain/package-verifier';
import { DocumentAltered, PackageBuilder } from './package-builder';
import { readPackage } from './package-reader';

/** The job queue of archive packages (made by migration ArchivePackages). */
export const ARCHIVE_QUEUE = 'archive';

export interface ArchiveJobData {
  unionId: string;
  packageId: string;
}

export type StoredVerification = ArchiveVerification & { register: { sha256: string | null; matches: boolean } };

/**
 * The electronic accounting archive (会计档案, issue 14): packages of a union's closed month or year — or
 * all its books, handed over — built by a background job from one snapshot, signed, zipped into
 * ARCHIVE_DIR (0600 files in a 0700 folder) and registered in `archive_packages`. The service never
 * deletes a package; making one again gives the next version.
 */
@Injectable()
export class ArchiveService implements OnModuleInit {
  private readonly dir: string;
  private readonly key: SigningKey;
  private readonly pdfRows: number;

  constructor(
    private readonly db: Database,
    private readonly packages: ArchivePackagesRepository,
    private readonly integrity: IntegrityService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly print: PrintService,
    private readonly interchange: InterchangeService,
    private readonly clock: LedgerClock,
    config: ConfigService,
  ) {
    const dataDir = config.get<string>('DATA_DIR') ?? './data';
    this.dir = resolve(config.get<string>('ARCHIVE_DIR') ?? join(dataDir, 'archive'));
    this.pdfRows = Number(config.get('PRINT_PDF_ROWS') ?? PDF_ROW_LIMIT);
    // the checkpoint key (integrity) signs each package's metadata: one key for an auditor to trust
    this.key = loadSigningKey(checkpointPaths({ DATA_DIR: dataDir, CHECKPOINT_KEY_FILE: config.get<string>('CHECKPOINT_KEY_FILE') }));
    jobs.define<ArchiveJobData>({
      queue: ARCHIVE_QUEUE,
      concurrency: 1,
      run: (data, ctx) => this.run(data, ctx),
      failed: (data, reason) => this.packages.fail(this.db.manager, data.unionId, data.packageId, reason),
    });
  }

  async onModuleInit(): Promise<void> {
    await ensurePrivateDir(this.dir);
  }

  /** A closed month ('YYYY-MM') or a closed year ('YYYY') of the union. */
  async create(unionId: string, req: { scope: 'month' | 'year'; period: string }, actor: Actor): Promise<ArchivePackage> {
    const { from, to } = scopeRange(req.scope, req.period);
    return this.enqueue(unionId, req.scope, async () => ({ from, to }), actor);
  }

  /** Everything the union's books hold, every period (第四十一条: its data handed over whole). */
  handover(unionId: string, actor: Actor): Promise<ArchivePackage> {
    return this.enqueue(
      unionId,
      'all',
      async (em) => {
        const [r]: { from: number | null; to: number | null }[] = await em.query(`SELECT min(period) AS from, max(period) AS to FROM periods WHERE union_id = $1`, [unionId]);
        if (r.from === null || r.to === null) throw new ArchiveError('ARCHIVE_SCOPE_INVALID', '该工会还没有任何会计期间，没有可移交的账簿');
        return { from: r.from, to: r.to };
      },
      actor,
    );
  }

  private async enqueue(unionId: string, scope: ArchiveScope, range: (em: EntityManager) => Promise<{ from: number; to: number }>, actor: Actor): Promise<ArchivePackage> {
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      const { from, to } = await range(em);
      // FOR SHARE: a month cannot be reopened between this check and the commit
      const open = await this.openIn(em, unionId, scope, from, to, true);
      if (open.length > 0) {
        throw new ArchiveError('ARCHIVE_PERIOD_OPEN', `只能归档已结账的期间：${open.join('、')} 尚未结账，请结账后再归档`, { open });
      }
      await this.packages.lockUnion(em, unionId);
      const version = await this.packages.nextVersion(em, unionId, scope, from, to);
      await this.packages.insert(em, { unionId, id, scope, periodFrom: from, periodTo: to, version, retention: packageRetention(scope, to), createdBy: actor.id, createdByName: actor.name });
      await this.audit.record(em, actor, [{ unionId, action: 'archive.create', entityType: 'archive', entityId: id, after: { scope, from: formatPeriod(from), to: formatPeriod(to), version } }]);
      await this.jobs.send<ArchiveJobData>(ARCHIVE_QUEUE, { unionId, packageId: id }, em);
    });
    this.jobs.wake(ARCHIVE_QUEUE);
    return (await this.packages.find(this.db.manager, unionId, id))!;
  }

  list(unionId: string): Promise<ArchivePackage[]> {
    return this.packages.list(this.db.manager, unionId);
  }

  async get(unionId: string, id: string): Promise<ArchivePackage> {
    const p = await this.packages.find(this.db.manager, unionId, id);
    if (!p) throw notFound('档案包', { packageId: id });
    return p;
  }

  async file(unionId: string, id: string, actor: Actor): Promise<{ pkg: ArchivePackage; stream: Readable }> {
    const pkg = await this.ready(unionId, id);
    await this.audit.record(this.db.manager, actor, [{ unionId, action: 'archive.download', entityType: 'archive', entityId: id, after: { sha256: pkg.sha256 } }]);
    return { pkg, stream: createReadStream(this.path(id)) };
  }

  /** The stored zip checked as an archivist would (四性), against this service's key and the register's hash. */
  async verify(unionId: string, id: string): Promise<StoredVerification> {
    const pkg = await this.ready(unionId, id);
    const contents = await readPackage(this.path(id));
    const sha256 = await sha256Of(this.path(id));
    const result = verifyPackage(contents, [this.key.fingerprint]);
    const matches = sha256 === pkg.sha256;
    if (!matches) result.problems.unshift(`档案包文件的 SHA-256 与登记簿不符（登记 ${pkg.sha256}，实际 ${sha256}）`);
    return { ...result, ok: result.ok && matches, register: { sha256, matches } };
  }

  get publicKey(): { fingerprint: string; pem: string } {
    return { fingerprint: this.key.fingerprint, pem: this.key.pem };
  }

  private async ready(unionId: string, id: string): Promise<ArchivePackage> {
    const pkg = await this.get(unionId, id);
    if (pkg.state !== 'done') {
      const why = pkg.state === 'failed' ? `生成失败：${pkg.error ?? ''}（请重新归档）` : pkg.state === 'queued' ? '排队中，请稍后' : '正在生成，请稍后';
      throw new ArchiveError('ARCHIVE_NOT_READY', `档案包尚未生成完成（${why}）`, { state: pkg.state });
    }
    try {
      await stat(this.path(id));
    } catch {
      throw new ArchiveError('ARCHIVE_FILE_MISSING', '档案包文件不在档案目录中（被移走或删除），请从备份恢复，或重新归档生成新版本', { packageId: id });
    }
    return pkg;
  }

  /** The months (and year) of the scope that are not closed, seen by `em`. */
  private async openIn(em: EntityManager, unionId: string, scope: ArchiveScope, from: number, to: number, lock: boolean): Promise<string[]> {
    if (scope === 'all') return [];
    const closed: { period: number }[] = await em.query(
      `SELECT period FROM periods WHERE union_id = $1 AND period BETWEEN $2 AND $3 AND status = 'closed' ${lock ? 'FOR SHARE' : ''}`,
      [unionId, from, to],
    );
    const year: { status: string }[] = scope === 'year' ? await em.query(`SELECT status FROM fiscal_years WHERE union_id = $1 AND year = $2 ${lock ? 'FOR SHARE' : ''}`, [unionId, Math.floor(from / 100)]) : [];
    const [union]: { first_period: number }[] = await em.query(`SELECT first_period FROM unions WHERE id = $1`, [unionId]);
    return openPeriods(scope, from, to, new Set(closed.map((r) => Number(r.period))), year[0]?.status === 'closed', Number(union?.first_period ?? from));
  }

  /** One attempt at a package: a failed attempt leaves no file and puts the package back in its queue. */
  private async run(data: ArchiveJobData, ctx: JobContext): Promise<void> {
    const em = this.db.manager;
    const pkg = await this.packages.find(em, data.unionId, data.packageId);
    if (!pkg || !(await this.packages.start(em, pkg.unionId, pkg.id))) return;
    const stage = join(this.dir, `${pkg.id}.d`);
    const part = `${this.path(pkg.id)}.part`;
    let snap: Snapshot | null = null;
    try {
      snap = await Snapshot.open(this.db.dataSource);
      const open = await this.openIn(snap.manager, pkg.unionId, pkg.scope, pkg.periodFrom, pkg.periodTo, false);
      if (open.length > 0) throw new ArchiveError('ARCHIVE_PERIOD_OPEN', `归档前 ${open.join('、')} 已被反结账，未生成档案包；请结账后重新归档`);
      const s = snap;
      const stopped = () => {
        if (ctx.signal.aborted) throw new JobInterrupted(`archive ${pkg.id} interrupted`);
      };
      const built = await new PackageBuilder(s, stage, { id: pkg.id, unionId: pkg.unionId, scope: pkg.scope, from: pkg.periodFrom, to: pkg.periodTo, version: pkg.version, createdAt: new Date(pkg.createdAt), createdBy: pkg.createdByName, timeZone: this.clock.zone, pdfRows: this.pdfRows }, { algorithm: 'Ed25519', key: this.key.text, fingerprint: this.key.fingerprint }, stopped, (period, out) =>
        this.print.periodVouchersPdf(pkg.unionId, { period }, out), (snapshot, from, to) => this.interchange.gbtFilesIn(snapshot, pkg.unionId, from, to, pkg.createdByName),
      ).build(
        async () => (await this.integrity.attest(s.manager, [pkg.unionId]))[0],
      );
      await snap.close();
      snap = null;
      if (!built.manifest.integrity.ok) throw new ArchiveError('ARCHIVE_NOT_READY', '账簿完整性校验未通过，不能归档：请先运行完整性校验（npm run verify）查明原因');

      const manifest = manifestBytes(built.manifest);
      const zip = archiver('zip', { zlib: { level: 6 } });
      const written = pipeline(zip, privateWriteStream(part));
      zip.append(manifest, { name: MANIFEST_PATH });
      zip.append(sign(null, manifest, this.key.privateKey).toString('base64'), { name: SIGNATURE_PATH });
      for (const f of built.files) zip.file(f.file, { name: f.path });
      await zip.finalize();
      await written;
      await rename(part, this.path(pkg.id));
      // the staging folder goes before the register says done: whoever sees "done" finds only the zip
      await rm(stage, { recursive: true, force: true });
      const { size } = await stat(this.path(pkg.id));
      const union = built.manifest.union;
      await this.packages.finish(em, pkg.unionId, pkg.id, {
        fileName: `${union.code}-会计档案-${SCOPE_LABEL[pkg.scope]}-${built.manifest.package.from}-${built.manifest.package.to}-第${pkg.version}版.zip`,
        fileSize: size,
        sha256: await sha256Of(this.path(pkg.id)),
        itemCount: built.manifest.items.length,
      });
    } catch (err) {
      await rm(part, { force: true });
      // a refusal of the books themselves (reopened month, failed verification, altered document) will not
      // pass on a retry: the package fails for good, with the reason for the register
      if (err instanceof ArchiveError || err instanceof DocumentAltered) return this.packages.fail(em, pkg.unionId, pkg.id, err.message);
      await this.packages.requeue(em, pkg.unionId, pkg.id).catch(() => undefined);
      throw ctx.signal.aborted ? new JobInterrupted(`archive ${pkg.id} interrupted`) : err;
    } finally {
      await snap?.close().catch(() => undefined);
      await rm(stage, { recursive: true, force: true });
    }
  }

  path(id: string): string {
    return join(this.dir, `${id}.zip`);
  }
}

/** The months of a month ('YYYY-MM') or year ('YYYY') package. */
export function scopeRange(scope: 'month' | 'year', period: string): { from: number; to: number } {
  if (scope === 'month') {
    if (!/^\d{4}-\d{2}$/.test(period)) throw new ArchiveError('ARCHIVE_SCOPE_INVALID', '月度归档的期间应写作 YYYY-MM，例如 2026-01');
    const p = parsePeriodSafe(period);
    return { from: p, to: p };
  }
  if (!/^(19|20|21)\d{2}$/.test(period)) throw new ArchiveError('ARCHIVE_SCOPE_INVALID', '年度归档的期间应写作 YYYY，例如 2026');
  return yearPeriods(Number(period));
}

function parsePeriodSafe(text: string): number {
  try {
    return parsePeriod(text);
  } catch {
    throw new ArchiveError('ARCHIVE_SCOPE_INVALID', `${text} 不是有效的会计期间`);
  }
}
