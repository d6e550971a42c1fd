import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { firstDayOf, formatPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { Snapshot } from '../exports/snapshot';
import { periodRange } from '../ledger/domain/period-range';
import { describeExport, GBT_FILES } from './domain/gbt-description';
import {
  accountXml, balanceXml, chartParametersXml, chartStructureXml, CURRENCY, dimensionsXml, GBT_FORMAT_VERSION, GBT_STANDARD,
  LedgerInfo, ledgerInfoXml, openingXml, periodXml, statementXml, voucherTypesXml, voucherXml,
} from './domain/gbt-records';
import { GBT_XSD } from './domain/gbt-schema';
import { accountDirectives, JournalPosting, openingTransaction, transaction } from './domain/hledger-journal';
import { record, XML_DECLARATION } from './domain/xml-text';
import { InterchangeReader, UnionHeader } from './interchange.reader';
import Decimal from 'decimal.js';

export interface Download {
  fileName: string;
  stream: Readable;
}

const SOFTWARE = 'union-ledger';
const SOFTWARE_VERSION = '0.1.0';

/**
 * Exports of a union's books for other software: the GB/T 24589 interface (a zip of XML, its XSD and the 格式说明文件)
 * and the hledger journal. Both are direct, streamed downloads read from one snapshot through a cursor: memory
 * stays flat whatever the size, and the time is that of reading the lines once (docs/print-and-archive.md).
 */
@Injectable()
export class InterchangeService {
  private readonly logger = new Logger(InterchangeService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async gbt(unionId: string, fromText: string, toText: string, actor: Actor): Promise<Download> {
    const [from, to] = periodRange(fromText, toText);
    return this.streamed(unionId, actor, 'export.gbt24589', { from: fromText, to: toText }, async (reader, union) => {
      const zip = archiver('zip', { zlib: { level: 6 } });
      const readers: Readable[] = [];
      for (const f of await this.gbtFiles(reader, union, from, to, actor.name)) {
        if (typeof f.content === 'string') {
          zip.append(f.content, { name: f.name });
          continue;
        }
        const stream = Readable.from(f.content);
        // a failed read ends the download with the error (archiver does not pass its sources' errors on)
        stream.on('error', (err) => {
          if (!zip.destroyed) zip.destroy(err);
        });
        readers.push(stream);
        zip.append(stream, { name: f.name });
      }
      void zip.finalize().catch(() => undefined);
      return { fileName: `GBT24589-${union.code}-${formatPeriod(from)}-${formatPeriod(to)}.zip`, stream: zip, readers };
    });
  }

  /**
   * The files of the GB/T 24589 interface for the months, in the order they are zipped: 公共档案.xml, 总账.xml
   * (streamed: its vouchers come through the reader's cursor), the XSD and the 格式说明文件. Everything is read
   * through `reader`, so from its snapshot: the archive's hand-over package writes them from its own.
   */
  async gbtFilesIn(snap: Snapshot, unionId: string, from: number, to: number, exportedBy: string): Promise<{ name: string; content: string | AsyncIterable<string> }[]> {
    const reader = new InterchangeReader(snap, unionId);
    const union = await reader.union();
    if (!union) throw notFound('工会', { unionId });
    return this.gbtFiles(reader, union, from, to, exportedBy);
  }

  async gbtFiles(reader: InterchangeReader, union: UnionHeader, from: number, to: number, exportedBy: string): Promise<{ name: string; content: string | AsyncIterable<string> }[]> {
    const info: LedgerInfo = {
      unionCode: union.code, unionName: union.name, centerName: union.centerName, chartTemplate: union.chartTemplate,
      numbering: union.numbering, firstPeriod: Number(union.firstPeriod), from, to, software: SOFTWARE, softwareVersion: SOFTWARE_VERSION,
      exportedAt: new Date().toISOString(), exportedBy,
    };
    return [
      { name: GBT_FILES.master, content: await this.masterXml(reader, info) },
      { name: GBT_FILES.ledger, content: this.ledgerXml(reader, from, to) },
      { name: GBT_FILES.schema, content: GBT_XSD },
      { name: GBT_FILES.description, content: describeExport(info) },
    ];
  }

  async journal(unionId: string, fromText: string, toText: string, actor: Actor): Promise<Download> {
    const [from, to] = periodRange(fromText, toText);
    return this.streamed(unionId, actor, 'export.journal', { from: fromText, to: toText }, async (reader, union) => ({
      fileName: `${union.code}-${formatPeriod(from)}-${formatPeriod(to)}.journal`,
      stream: Readable.from(this.journalText(reader, union, from, to)),
      readers: [],
    }));
  }

  /** Opens the snapshot, records the download, hands the stream out; the snapshot closes when the stream ends. */
  private async streamed(
    unionId: string,
    actor: Actor,
    action: string,
    after: Record<string, string>,
    build: (reader: InterchangeReader, union: UnionHeader) => Promise<Download & { readers: Readable[] }>,
  ): Promise<Download> {
    const snap = await Snapshot.open(this.db.dataSource);
    try {
      const reader = new InterchangeReader(snap, unionId);
      const union = await reader.union();
      if (!union) throw notFound('工会', { unionId });
      await this.audit.record(this.db.manager, actor, [{ unionId, action, entityType: 'export', entityId: null, after }]);
      const built = await build(reader, union);
      const out = new PassThrough();
      pipeline(built.stream, out, (err) => {
        if (err) this.logger.warn(`${action} of ${unionId} ended early: ${err.message}`);
        // the readers' cursors run on the snapshot's connection: stop them (a generator's finally closes its
        // cursor) and only then end the snapshot, also when the client went away half-way
        const readers = [built.stream, ...built.readers];
        for (const r of readers) r.destroy();
        void Promise.all(readers.map((r) => finished(r).catch(() => undefined))).finally(() => snap.close().catch(() => undefined));
      });
      return { fileName: built.fileName, stream: out };
    } catch (err) {
      await snap.close().catch(() => undefined);
      throw err;
    }
  }

  private async masterXml(reader: InterchangeReader, info: LedgerInfo): Promise<string> {
    const periods = await reader.periodStatuses(info.from, info.to);
    const projects = await reader.projects();
    return (
      XML_DECLARATION +
      `<公共档案 标准="${GBT_STANDARD}" 格式版本="${GBT_FORMAT_VERSION}">\n` +
      ledgerInfoXml(info) +
      `  <会计期间表>\n${periods.map((p) => periodXml(p.period, p.status)).join('').replace(/^/gm, '  ').trimEnd()}\n  </会计期间表>\n` +
      `  <凭证类型表>\n${voucherTypesXml().replace(/^/gm, '  ').trimEnd()}\n  </凭证类型表>\n` +
      `  <币种表>\n${record('币种', [['币种编码', CURRENCY], ['币种名称', '人民币'], ['本位币标志', '是']], 4)}  </币种表>\n` +
      dimensionsXml(projects) +
      `</公共档案>\n`
    );
  }

  private async *ledgerXml(reader: InterchangeReader, from: number, to: number): AsyncGenerator<string> {
    const chart = await reader.chart();
    const openings = await reader.openings(from);
    yield XML_DECLARATION + `<总账 标准="${GBT_STANDARD}" 格式版本="${GBT_FORMAT_VERSION}">\n`;
    yield chartParametersXml();
    yield `  <科目结构表>\n${chartStructureXml()}  </科目结构表>\n`.replace(/\n {2}<科目结构>/g, '\n    <科目结构>');
    yield `  <科目表>\n${chart.map((a) => accountXml(a)).join('')}  </科目表>\n`;
    yield `  <期初余额表>\n${openings.map((o) => openingXml(o)).join('')}  </期初余额表>\n`;
    yield '  <科目余额及发生额表>\n';
    for (const f of await reader.periodFigures(chart, openings, from, to)) yield balanceXml(f);
    yield '  </科目余额及发生额表>\n  <记账凭证表>\n';
    for await (const v of reader.vouchers(from, to)) yield voucherXml(v.voucher, v.lines);
    yield '  </记账凭证表>\n  <财务报表表>\n';
    for (const s of await reader.statements(from, to)) yield statementXml(s);
    yield '  </财务报表表>\n</总账>\n';
  }

  private async *journalText(reader: InterchangeReader, union: UnionHeader, from: number, to: number): AsyncGenerator<string> {
    const chart = await reader.chart();
    const names = new Map(chart.map((a) => [a.code, a.name]));
    yield `; ${union.name}（${union.code}）${formatPeriod(from)} 至 ${formatPeriod(to)} 已记账凭证，${SOFTWARE} 导出\n`;
    yield `; 科目名为“编码 名称”按级次以冒号相连；金额为人民币元，借方为正、贷方为负，红字凭证金额为负\n\n`;
    yield accountDirectives(chart.filter((a) => a.isLeaf).map((a) => a.code), names);
    yield openingTransaction(firstDayOf(from), await reader.openings(from), names);
    for await (const { voucher, lines } of reader.vouchers(from, to)) {
      const postings: JournalPosting[] = lines.map((l) => ({
        accountCode: l.accountCode,
        amount: new Decimal(l.debit).minus(l.credit),
        summary: l.summary,
        projectCode: l.projectCode,
        fundType: l.fundType,
      }));
      yield transaction({ ...voucher, summary: lines[0]?.summary ?? '' }, postings, names);
    }
  }
}
