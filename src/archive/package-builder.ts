import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttestedReport } from '../integrity/integrity.service';
import { createPrivateFile, ensurePrivateDir, privateWriteStream } from '../common/files/private-files';
import { exportContext, openBook, sha256Of } from '../exports/export-files';
import { writeExport } from '../exports/export-kinds';
import { Snapshot } from '../exports/snapshot';
import { periodsBetween } from '../common/period';
import { firstDayOf, lastDayOf } from '../exports/sheets/export-context';
import { AuditWorkbook } from '../exports/xlsx/audit-workbook';
import { estimateRows } from '../exports/export-kinds';
import type { ExportContext } from '../exports/sheets/export-context';
import { PdfTableBook } from '../print/pdf/table-book.pdf';
import { ArchiveScope, periodText, SCOPE_LABEL } from './domain/archive-scope.rules';
import { ArchiveManifest, ITEM_TYPE_LABEL, ItemType, MANIFEST_FORMAT, ManifestItem, sha256Hex } from './domain/manifest';
import { FOLDERS, safeSegment, uniquePath, voucherLabel, WorkbookPlan, workbookPlan } from './domain/package-plan';
import { RETENTION_LABEL, RetentionClass, retentionOf } from './domain/retention.rules';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PackageRequest {
  id: string;
  unionId: string;
  scope: ArchiveScope;
  from: number;
  to: number;
  version: number;
  createdAt: Date;
  createdBy: string;
  /** The ledger's time zone (LedgerClock.zone): times in the workbooks are local times there. */
  timeZone: string;
  /** Rows one book PDF holds (PRINT_PDF_ROWS, as for a printed book): a longer one is kept a PDF a month. */
  pdfRows: number;
}

export interface BuiltPackage {
  manifest: ArchiveManifest;
  /** Each listed item and where its file lies in the staging folder. */
  files: { path: string; file: string }[];
}

export class DocumentAltered extends Error {}

/** The GB/T 24589 data interface files of the months, read from the snapshot (InterchangeService.gbtFilesIn). */
export type GbtFiles = (snap: Snapshot, from: number, to: number) => Promise<{ name: string; content: string | AsyncIterable<string> }[]>;

/** Writes a month's posted vouchers as one PDF (the print module's 记账凭证 bound behind its cover) into `out`. */
export type VouchersPdf = (period: number, out: Writable) => Promise<unknown>;

/**
 * Writes the files of one archive package into a private staging folder, all from one snapshot of the
 * books: the workbooks (vouchers, books, statements, claims, audit log), every original document of the
 * period's vouchers (claim and receipt attachments, byte for byte as uploaded, checked against the SHA-256
 * the books chain holds), the union's bank statement lines with their matches, and a readme. The manifest
 * lists each with its hash, size, type, months and retention; the caller signs and zips it.
 */
export class PackageBuilder {
  private readonly items: ManifestItem[] = [];
  private readonly files: { path: string; file: string }[] = [];
  private readonly taken = new Set<string>();
  private n = 0;

  constructor(
    private readonly snap: Snapshot,
    private readonly dir: string,
    private readonly req: PackageRequest,
    private readonly signer: ArchiveManifest['signer'],
    private readonly stopped: () => void,
    private readonly vouchersPdf: VouchersPdf,
    private readonly gbtFiles: GbtFiles,
  ) {}

  async build(attest: () => Promise<AttestedReport>): Promise<BuiltPackage> {
    await ensurePrivateDir(this.dir);
    const range = { unionId: this.req.unionId, from: periodText(this.req.from), to: periodText(this.req.to) };
    const ctx = await exportContext(this.snap, range, { name: this.req.createdBy }, this.req.timeZone, () => this.stopped());
    const year = Math.floor(this.req.to / 100);
    const attested = await attest();

    for (const w of workbookPlan(this.req.scope)) {
      const path = `${w.folder}/${w.title}-${range.from}-${range.to}.xlsx`;
      await this.addFile(path, { type: w.type, title: w.title, mediaType: XLSX, retention: w.retention, year }, async (file) => {
        const book = openBook({ filename: file }, ctx, w.kind);
        await writeExport(w.kind, book, this.snap, ctx, attest);
        await book.close();
      });
      if (w.pdf) await this.addBookPdfs(w, ctx, year);
    }
    await this.addVoucherPdfs(year);
    await this.addDocuments(year);
    await this.addBankLines(ctx.unionName, year);
    if (this.req.scope === 'all') await this.addInterchange(year);
    await this.addReadme(ctx.unionName, year);

    const manifest: ArchiveManifest = {
      format: MANIFEST_FORMAT,
      package: {
        id: this.req.id,
        version: this.req.version,
        scope: this.req.scope,
        from: range.from,
        to: range.to,
        createdAt: this.req.createdAt.toISOString(),
        createdBy: this.req.createdBy,
      },
      union: { id: this.req.unionId, code: ctx.unionCode, name: ctx.unionName, center: ctx.centerName },
      items: this.items,
      integrity: { ok: attested.report.ok, checkpoint: attested.checkpoint },
      signer: this.signer,
    };
    return { manifest, files: this.files };
  }

  /**
   * The book or statement as a fixed-layout PDF, drawn by the print module's PdfTableBook from the very sheet
   * writer, snapshot and context of its xlsx: both show the same rows. A book too long for one PDF (more rows
   * than a printed book holds, PRINT_PDF_ROWS) is kept one PDF a month, each month with its own 本年累计.
   */
  private async addBookPdfs(w: WorkbookPlan, ctx: ExportContext, year: number): Promise<void> {
    const whole = (await estimateRows(w.kind, this.snap, ctx)) <= this.req.pdfRows || this.req.from === this.req.to;
    const parts = whole ? [{ from: this.req.from, to: this.req.to }] : periodsBetween(this.req.from, this.req.to).map((m) => ({ from: m, to: m }));
    for (const part of parts) {
      const from = periodText(part.from);
      const to = periodText(part.to);
      const partCtx = whole ? ctx : await exportContext(this.snap, { unionId: this.req.unionId, from, to }, { name: this.req.createdBy }, this.req.timeZone, () => this.stopped());
      const meta = { type: w.type, title: `${w.title}（PDF）`, mediaType: 'application/pdf', retention: w.retention, year, ...(whole ? {} : { month: part.from }) };
      await this.addFile(`${w.folder}/${w.title}-${from}-${to}.pdf`, meta, async (file) => {
        const book = new PdfTableBook(privateWriteStream(file), { title: `${ctx.unionName} ${w.title} ${from} 至 ${to}`, author: `${ctx.centerName}；会计档案` }, this.req.timeZone);
        await writeExport(w.kind, book, this.snap, partCtx, () => Promise.reject(new Error('the audit pack is not archived as PDF')));
        await book.close();
      });
    }
  }

  /** 记账凭证 as printed: one PDF a month that has posted vouchers, in number order behind its binding cover. */
  private async addVoucherPdfs(year: number): Promise<void> {
    const months = await this.snap.query<{ period: number }>(`SELECT DISTINCT period FROM vouchers WHERE union_id = $1 AND period BETWEEN $2 AND $3 ORDER BY period`, [
      this.req.unionId,
      this.req.from,
      this.req.to,
    ]);
    for (const { period } of months) {
      const month = Number(period);
      await this.addFile(`${FOLDERS.vouchers}/记账凭证-${periodText(month)}.pdf`, { type: 'voucher-pdf', title: `${periodText(month)} 记账凭证`, mediaType: 'application/pdf', retention: 'vouchers', year, month }, async (file) => {
        await this.vouchersPdf(month, privateWriteStream(file));
      });
    }
  }

  /** Claim and receipt documents of the vouchers posted in the months, one folder per voucher. */
  private async addDocuments(year: number): Promise<void> {
    const rows = this.snap.cursor<{ id: string; source: string; owner: string; file_name: string; media_type: string; sha256: string; voucher_type: string; period: number; number: number }>(
      `SELECT a.id, 'claim' AS source, c.number AS owner, a.file_name, a.media_type, a.sha256, v.voucher_type, v.period, v.number
         FROM claim_attachments a
         JOIN claims c ON c.union_id = a.union_id AND c.id = a.claim_id
         JOIN vouchers v ON v.union_id = c.union_id AND v.id = c.voucher_id
        WHERE a.union_id = $1 AND v.period BETWEEN $2 AND $3
       UNION ALL
       SELECT a.id, 'receipt', r.number, a.file_name, a.media_type, a.sha256, v.voucher_type, v.period, v.number
         FROM receipt_attachments a
         JOIN receipts r ON r.union_id = a.union_id AND r.id = a.receipt_id
         JOIN vouchers v ON v.union_id = r.union_id AND v.id = r.voucher_id
        WHERE a.union_id = $1 AND v.period BETWEEN $2 AND $3
        ORDER BY period, voucher_type, number, source, owner, id`,
      [this.req.unionId, this.req.from, this.req.to],
    );
    const docs: { id: string; source: string; path: string; title: string; mediaType: string; sha256: string; period: number }[] = [];
    for await (const r of rows) {
      const kind = r.source === 'claim' ? '报销单' : '收款单';
      const folder = `${FOLDERS.documents}/${voucherLabel(r.voucher_type, r.period, r.number)} ${kind} ${safeSegment(r.owner)}`;
      docs.push({ id: r.id, source: r.source, path: `${folder}/${safeSegment(r.file_name)}`, title: `${kind} ${r.owner} 附件 ${r.file_name}`, mediaType: r.media_type, sha256: r.sha256, period: r.period });
    }
    // contents one at a time (each up to 10 MB), never a cursor of them
    for (const d of docs) {
      const table = d.source === 'claim' ? 'claim_attachments' : 'receipt_attachments';
      await this.addFile(d.path, { type: 'document', title: d.title, mediaType: d.mediaType, retention: 'vouchers', year, month: d.period }, async (file) => {
        const [row] = await this.snap.query<{ content: Buffer }>(`SELECT content FROM ${table} WHERE union_id = $1 AND id = $2`, [this.req.unionId, d.id]);
        if (sha256Hex(row.content) !== d.sha256) throw new DocumentAltered(`原始凭证 ${d.title} 的内容与登记的 SHA-256 不符，已停止归档，请先运行完整性校验`);
        await writeFile(file, row.content);
      });
    }
  }

  /** The pooled account's statement lines matched to this union's postings in the months (its part of 银行对账单). */
  private async addBankLines(unionName: string, year: number): Promise<void> {
    const path = `${FOLDERS.bank}/银行对账单（本工会部分）-${periodText(this.req.from)}-${periodText(this.req.to)}.xlsx`;
    await this.addFile(path, { type: 'bank', title: '银行对账单（本工会部分）', mediaType: XLSX, retention: 'bank', year }, async (file) => {
      const book = new AuditWorkbook({ filename: file }, { title: `${unionName} 银行对账单`, subject: path, creator: this.req.createdBy, keywords: 'archive bank', description: unionName, timeZone: this.req.timeZone });
      const sheet = book.sheet({
        name: '银行对账单',
        title: '银行对账单（与本工会账目核对相符的部分）',
        subtitle: `${unionName}　${periodText(this.req.from)} 至 ${periodText(this.req.to)}`,
        columns: [
          { header: '交易日期', width: 12, type: 'date' },
          { header: '收入', width: 16, type: 'money' },
          { header: '支出', width: 16, type: 'money' },
          { header: '对方户名', width: 24, type: 'text' },
          { header: '对方账号', width: 22, type: 'text' },
          { header: '银行流水号', width: 22, type: 'text' },
          { header: '摘要', width: 30, type: 'text' },
          { header: '对应凭证', width: 18, type: 'text' },
          { header: '对账状态', width: 10, type: 'text' },
          { header: '确认人', width: 12, type: 'text' },
        ],
      });
      const rows = this.snap.cursor<{ txn_date: Date; amount_in: string; amount_out: string; counterpart_name: string | null; counterpart_account: string | null; reference: string | null; summary: string | null; voucher_type: string; period: number; number: number; status: string; decided_by_name: string | null }>(
        `SELECT l.txn_date, l.amount_in, l.amount_out, l.counterpart_name, l.counterpart_account, l.reference, l.summary,
                v.voucher_type, v.period, v.number, m.status, m.decided_by_name
           FROM bank_match_items i
           JOIN bank_matches m ON m.center_id = i.center_id AND m.id = i.match_id
           JOIN bank_match_items s ON s.center_id = i.center_id AND s.match_id = i.match_id AND s.statement_line_id IS NOT NULL AND s.live
           JOIN bank_statement_lines l ON l.center_id = s.center_id AND l.id = s.statement_line_id
           JOIN vouchers v ON v.union_id = i.union_id AND v.id = i.voucher_id
          WHERE i.union_id = $1 AND i.live AND v.voucher_date BETWEEN $2 AND $3
          ORDER BY l.txn_date, l.seq, v.number`,
        [this.req.unionId, firstDayOf(this.req.from), lastDayOf(this.req.to)],
      );
      for await (const r of rows) {
        await sheet.add([r.txn_date, Number(r.amount_in), Number(r.amount_out), r.counterpart_name, r.counterpart_account, r.reference, r.summary, voucherLabel(r.voucher_type, r.period, r.number), r.status, r.decided_by_name]);
      }
      await sheet.end();
      await book.close();
    });
  }

  /**
   * A hand-over carries the union's books in the national data interface (GB/T 24589) too, so the software that
   * takes them over reads them without our xlsx: each file of the interface listed as its own item.
   */
  private async addInterchange(year: number): Promise<void> {
    for (const f of await this.gbtFiles(this.snap, this.req.from, this.req.to)) {
      const mediaType = f.name.endsWith('.txt') ? 'text/plain' : 'application/xml';
      await this.addFile(`${FOLDERS.interchange}/${f.name}`, { type: 'interchange', title: `数据接口 ${f.name}`, mediaType, retention: 'books', year }, async (file) => {
        if (typeof f.content === 'string') await writeFile(file, f.content, 'utf8');
        else await pipeline(Readable.from(f.content), privateWriteStream(file));
      });
    }
  }

  private async addReadme(unionName: string, year: number): Promise<void> {
    const lines = [
      `${unionName} 电子会计档案包（${SCOPE_LABEL[this.req.scope]}，${periodText(this.req.from)} 至 ${periodText(this.req.to)}，第 ${this.req.version} 版）`,
      '',
      'metadata.json 是本包的元数据（保管清册）：列出每个文件的路径、类型、所属期间、保管期限、字节数和 SHA-256，',
      '以及生成时账簿完整性校验的结果和签名的账簿链检查点；metadata.sig 是核算中心 Ed25519 密钥对 metadata.json 的签名。',
      '核对方法：npm run archive:verify -- 档案包.zip --key 中心公钥.pem（或在系统的“会计档案”页面点“校验”）。',
      '',
      '保管期限自会计年度终了后的第一天起算（会计档案管理办法 第十五条）：',
      ...(['vouchers', 'books', 'monthly-report', 'annual-report', 'bank', 'register', 'other'] as RetentionClass[]).map((c) => {
        const r = retentionOf(c, year);
        return `  ${RETENTION_LABEL[c]}：${r.years === null ? '永久' : `${r.years} 年（至 ${r.until}）`}`;
      }),
      '',
      '目录：',
      ...Object.values(FOLDERS)
        .filter((f) => f !== FOLDERS.interchange || this.req.scope === 'all')
        .map((f) => `  ${f}`),
      '',
    ];
    await this.addFile('00-说明.txt', { type: 'readme', title: '档案包说明', mediaType: 'text/plain', retention: 'register', year }, (file) => writeFile(file, lines.join('\r\n'), 'utf8'));
  }

  private async addFile(
    path: string,
    meta: { type: ItemType; title: string; mediaType: string; retention: RetentionClass; year: number; month?: number },
    write: (file: string) => Promise<void>,
  ): Promise<void> {
    this.stopped();
    const unique = uniquePath(path, this.taken);
    const file = join(this.dir, `${++this.n}`);
    await createPrivateFile(file);
    await write(file);
    const { size } = await stat(file);
    const months = meta.month ? { from: periodText(meta.month), to: periodText(meta.month) } : { from: periodText(this.req.from), to: periodText(this.req.to) };
    this.items.push({ path: unique, type: meta.type, title: meta.title || ITEM_TYPE_LABEL[meta.type], ...months, mediaType: meta.mediaType, size, sha256: await sha256Of(file), retention: retentionOf(meta.retention, meta.year) });
    this.files.push({ path: unique, file });
  }
}


