import archiver from 'archiver';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { finished } from 'node:stream/promises';
import { createPrivateFile, privateWriteStream } from '../common/files/private-files';
import { writePackPdfs } from '../print/pack-pdfs';
import type { ExportKind } from './export-kinds';
import type { ExportContext } from './sheets/export-context';
import type { Snapshot } from './snapshot';

/**
 * An export with its PDFs (POST …/exports with `pdf: true`): the workbook at the zip's root, the PDFs under
 * PDF/ and a 说明.txt listing them. Each PDF is written to a file of its own first and joins the zip from
 * there (the zip reads its entries one after another: a PDF streamed straight in would wait in memory);
 * the parts are removed once the zip is whole.
 */
export async function zipWithPdfs(file: string, xlsx: string, xlsxName: string, snap: Snapshot, ctx: ExportContext, kind: ExportKind): Promise<void> {
  const parts = [xlsx];
  try {
    const zip = archiver('zip', { zlib: { level: 6 } });
    const written = pipeline(zip, privateWriteStream(file));
    zip.file(xlsx, { name: xlsxName });
    const listed: string[] = [`${xlsxName}    Excel 工作簿`];
    const notes = await writePackPdfs(snap, ctx, kind, async (name, write) => {
      const part = `${file}.${parts.length}.pdf`;
      parts.push(part);
      await createPrivateFile(part);
      const out = privateWriteStream(part);
      const pages = await write(out);
      await finished(out);
      zip.file(part, { name });
      listed.push(`${name}    ${pages} 页`);
    });
    const readme = [
      `${ctx.unionName}（${ctx.unionCode}）审计资料 ${ctx.from}–${ctx.to}`,
      '',
      'PDF 与工作簿取自同一时刻的账簿（同一数据库快照），数字一致；完整性校验见工作簿封面。',
      '',
      '文件：',
      ...listed.map((l) => `  ${l}`),
      ...(notes.length ? ['', '说明：', ...notes.map((n) => `  ${n}`)] : []),
      '',
    ].join('\r\n');
    zip.append(Buffer.from(readme, 'utf8'), { name: '说明.txt' });
    await zip.finalize();
    await written;
  } finally {
    for (const p of parts) await rm(p, { force: true });
  }
}
