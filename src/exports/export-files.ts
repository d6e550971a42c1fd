import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Actor } from '../common/http/actor.decorator';
import { parsePeriod } from '../common/period';
import { EXPORT_LABEL, ExportKind } from './export-kinds';
import { ExportContext } from './sheets/export-context';
import { Snapshot } from './snapshot';
import { AuditWorkbook, localTime } from './xlsx/audit-workbook';

/** Whose books an export shows, read inside its snapshot. */
export async function exportContext(
  snap: Snapshot,
  req: { unionId: string; from: string; to: string },
  actor: Pick<Actor, 'name'>,
  /** The ledger's time zone (LedgerClock.zone; the worker gets it in its input). */
  timeZone: string,
  progress: (n: number) => void,
): Promise<ExportContext> {
  const [u] = await snap.query<{ name: string; code: string; center: string }>(
    `SELECT u.name, u.code, c.name AS center FROM unions u JOIN centers c ON c.id = u.center_id WHERE u.id = $1`,
    [req.unionId],
  );
  return {
    unionId: req.unionId,
    unionName: u.name,
    unionCode: u.code,
    centerName: u.center,
    from: parsePeriod(req.from),
    to: parsePeriod(req.to),
    generatedAt: new Date(),
    generatedBy: actor.name,
    timeZone,
    progress,
  };
}

export function openBook(target: { filename: string } | { stream: Writable }, ctx: ExportContext, kind: ExportKind): AuditWorkbook {
  return new AuditWorkbook(target, {
    title: `${ctx.unionName} ${EXPORT_LABEL[kind]}`,
    subject: `${EXPORT_LABEL[kind]} ${ctx.from}–${ctx.to}`,
    creator: ctx.generatedBy,
    keywords: `${ctx.unionCode} ${kind}`,
    description: `${ctx.centerName}；导出于 ${localTime(ctx.generatedAt, ctx.timeZone)}`,
    timeZone: ctx.timeZone,
  });
}

export function fileName(ctx: Pick<ExportContext, 'unionCode' | 'from' | 'to'>, kind: ExportKind): string {
  return `${ctx.unionCode}-${EXPORT_LABEL[kind]}-${ctx.from}-${ctx.to}.xlsx`;
}

/** An export with its PDFs: the workbook and the PDFs in one zip. */
export function zipName(ctx: Pick<ExportContext, 'unionCode' | 'from' | 'to'>, kind: ExportKind): string {
  return `${ctx.unionCode}-${EXPORT_LABEL[kind]}（含PDF）-${ctx.from}-${ctx.to}.zip`;
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
