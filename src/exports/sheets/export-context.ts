import { formatPeriod } from '../../common/period';

export { firstDayOf, lastDayOf } from '../../common/period';

/** What every sheet of one export knows: whose books, which months, made when and by whom. */
export interface ExportContext {
  unionId: string;
  unionName: string;
  unionCode: string;
  centerName: string;
  /** Periods as yyyymm. */
  from: number;
  to: number;
  generatedAt: Date;
  generatedBy: string;
  /** LEDGER_TIMEZONE: times in the sheets are local times there. */
  timeZone: string;
  /** Called with the number of rows just written, for the job's percent done. */
  progress(rows: number): void;
}

export function subtitle(ctx: ExportContext): string {
  const range = ctx.from === ctx.to ? formatPeriod(ctx.from) : `${formatPeriod(ctx.from)} 至 ${formatPeriod(ctx.to)}`;
  return `单位：${ctx.unionName}（${ctx.unionCode}）    期间：${range}    金额单位：元`;
}

