import { readBudgetExecution } from '../../budgets/budget-execution.reader';
import { BudgetsRepository } from '../../budgets/budgets.repository';
import { formatPeriod } from '../../common/period';
import { StatementLineResponse, StatementResponse } from '../../statements/dto/statement.dto';
import { StatementReader } from '../../statements/statement-reader';
import { StatementTarget } from '../../statements/statements.calculator';
import { StatementKind } from '../../statements/statements.repository';
import { Snapshot } from '../snapshot';
import { TableBook, Cell, Column, money } from '../xlsx/audit-workbook';
import { ExportContext, subtitle } from './export-context';

const KINDS: StatementKind[] = ['balance-sheet', 'income-expenditure'];

/**
 * Which statements an export of `from`–`to` holds: the year's (年报) when the months are one whole year,
 * else the month `to` (月报, whose 本年累计数 covers the year up to it).
 */
export function statementPeriodOf(from: number, to: number): { period: number; annual: boolean } {
  const annual = from % 100 === 1 && to % 100 === 12 && Math.floor(from / 100) === Math.floor(to / 100);
  return { period: to, annual };
}

/** 工会01表 and 工会02表 of the union for the export's months, as the API shows them (frozen, kept at closing, or computed). */
export async function writeStatements(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const reader = StatementReader.standalone();
  const [union] = await snap.query<{ firstPeriod: number }>(`SELECT first_period AS "firstPeriod" FROM unions WHERE id = $1`, [ctx.unionId]);
  const at = statementPeriodOf(ctx.from, ctx.to);
  for (const kind of KINDS) {
    const t: StatementTarget = { kind, ...at };
    await writeStatementSheet(book, await reader.union(snap.manager, { id: ctx.unionId, firstPeriod: union.firstPeriod }, t));
    ctx.progress(1);
  }
}

/** The consolidated 01表 and 02表 of every union of a center (the center pack's summary workbook). */
export async function writeConsolidatedStatements(book: TableBook, snap: Snapshot, c: { centerId: string; from: number; to: number }): Promise<void> {
  const reader = StatementReader.standalone();
  const at = statementPeriodOf(c.from, c.to);
  for (const kind of KINDS) {
    const s = await reader.consolidated(snap.manager, c.centerId, null, { kind, ...at });
    const notes = [
      `汇总工会 ${s.unions} 户`,
      s.notClosed.length ? `未结账（按当前账簿汇总）：${s.notClosed.map((u) => u.name).join('、')}` : '各工会均已结账',
      ...(s.notBalanced.length ? [`资产负债表不平衡：${s.notBalanced.map((u) => u.name).join('、')}`] : []),
    ];
    await writeStatementSheet(book, s, notes);
  }
}

/**
 * One statement laid out like the official form: title, header (表号, 编制单位, 期间, 单位), the lines with
 * their 行次 — the 01表 with 资产 on the left and 负债和净资产 on the right — then the signature row.
 */
export async function writeStatementSheet(book: TableBook, s: StatementResponse, notes: string[] = []): Promise<void> {
  const when = s.period ? `${s.period.slice(0, 4)} 年 ${s.period.slice(5)} 月` : `${s.year} 年度`;
  const twoSided = s.code === '工会01表';
  const money2 = (header: string): Column => ({ header, width: 16, type: 'money' });
  const columns: Column[] = twoSided
    ? [
        { header: '资产', width: 26, type: 'text' },
        { header: '行次', width: 6, type: 'int' },
        ...s.columns.map(money2),
        { header: '负债和净资产', width: 26, type: 'text' },
        { header: '行次', width: 6, type: 'int' },
        ...s.columns.map(money2),
      ]
    : [{ header: '项目', width: 34, type: 'text' }, { header: '行次', width: 6, type: 'int' }, ...s.columns.map(money2)];
  const sheet = book.sheet({
    name: `${s.code} ${s.title}`,
    title: s.title,
    subtitle: `${s.code}    编制单位：${s.entity}    ${when}    单位：${s.unit}`,
    columns,
  });
  const cells = (l: StatementLineResponse | undefined): Cell[] => (l ? [`${'  '.repeat(l.indent)}${l.label}`, l.no, ...l.values.map((v) => money(v))] : [null, null, null, null]);
  if (twoSided) {
    const left = s.lines.filter((l) => l.side === 'assets');
    const right = s.lines.filter((l) => l.side !== 'assets');
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      await sheet.add([...cells(left[i]), ...cells(right[i])], { bold: !!(left[i]?.total || right[i]?.total) });
    }
  } else {
    for (const l of s.lines) await sheet.add(cells(l), { bold: l.total });
  }
  const state = s.frozen ? '年度已结转，报表已冻结' : s.closed ? '已结账' : '未结账：按当前账簿编制';
  for (const note of [...notes, state]) await sheet.add([note]);
  const sig = s.signatures;
  await sheet.add([`单位负责人：${sig.legalRepresentative ?? ''}`, null, `主管会计工作的负责人：${sig.accountingHead ?? ''}`, null, `会计机构负责人：${sig.accountingBodyHead ?? ''}`]);
  await sheet.end();
}

/** 预算执行情况 of the year of `to`, through `to`: per budget line the budget, each month's actual, reserved, remaining, % used. */
export async function writeBudgetExecution(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const year = Math.floor(ctx.to / 100);
  const e = await readBudgetExecution(snap.manager, new BudgetsRepository(), ctx.unionId, year, ctx.to);
  const months = ctx.to % 100;
  const columns: Column[] = [
    { header: '科目编码', width: 10, type: 'text' },
    { header: '科目名称', width: 20, type: 'text' },
    { header: '项目', width: 10, type: 'text' },
    { header: '收支', width: 6, type: 'text' },
    { header: '预算数', width: 15, type: 'money' },
    ...Array.from({ length: months }, (_, i): Column => ({ header: `${i + 1}月`, width: 13, type: 'money' })),
    { header: '实际合计', width: 15, type: 'money' },
    { header: '已审批待支付', width: 15, type: 'money' },
    { header: '预算结余', width: 15, type: 'money' },
    { header: '执行率(%)', width: 10, type: 'text' },
  ];
  const version = e.budget ? `现行预算第 ${e.budget.version} 版${e.budget.committeeDate ? `（${e.budget.committeeDate} 委员会审议通过）` : ''}` : '本年度预算尚未批准';
  const sheet = book.sheet({ name: '预算执行情况', title: `${year} 年度预算执行情况`, subtitle: `${subtitle(ctx)}    截至 ${formatPeriod(ctx.to)}    ${version}`, columns });
  for (const l of e.lines) {
    await sheet.add([
      l.account, l.accountName, l.project, l.kind === 'income' ? '收入' : '支出', money(l.budget),
      ...l.months.slice(0, months).map((m) => money(m)), money(l.actual), money(l.reserved), money(l.remaining), l.percentUsed,
    ]);
  }
  ctx.progress(e.lines.length);
  await sheet.end();
}
