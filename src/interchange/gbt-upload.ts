import JSZip from 'jszip';
import { GBT_FILES } from './domain/gbt-description';
import { ForeignFiles } from './domain/gbt-foreign.rules';
import { parseXml } from './gbt-parser';
import { InterchangeError } from './interchange.errors';

const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const SOFTWARE_MARK = '<软件名称>union-ledger</软件名称>';

/** The XML files of an upload: the entries of a zip (any folder) whose name ends in .xml, or one bare XML file. */
export async function xmlFiles(upload: { fileName: string; content: Buffer }): Promise<Map<string, Buffer>> {
  const head = upload.content.subarray(0, 4).toString('latin1');
  if (head.startsWith('<') || head.startsWith('\ufeff') || head.startsWith('ï»¿') || head.startsWith('ÿþ') || head.startsWith('þÿ')) return new Map([[upload.fileName, upload.content]]);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(upload.content);
  } catch {
    throw new InterchangeError('INTERCHANGE_FILE_INVALID', '上传的文件不是 zip 压缩包或 XML 文件：请上传数据接口导出得到的 zip 文件（或其中的 XML 文件）');
  }
  const out = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.xml$/i.test(entry.name)) continue;
    // a zip of a few MB may unpack to gigabytes: refuse before unpacking what no export would be
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (size > MAX_UNPACKED_BYTES) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `${entry.name} 解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，请按年度分段导出后分别导入`);
    out.set(entry.name, await entry.async('nodebuffer'));
  }
  return out;
}

/** Our own export (our file names and our software's mark): checked against our XSD, read by the strict reader. */
export function ownExport(files: Map<string, Buffer>): { master: string; ledger: string } | null {
  const master = files.get(GBT_FILES.master);
  const ledger = files.get(GBT_FILES.ledger);
  if (!master || !ledger || !master.toString('utf8').includes(SOFTWARE_MARK)) return null;
  return { master: master.toString('utf8'), ledger: ledger.toString('utf8') };
}

const ENCODINGS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030', 'x-gbk': 'gb18030', 'utf-16': 'utf-16le' };

/**
 * The text of an XML file in the encoding it declares (GB18030, GBK and GB2312 read as GB18030, their superset;
 * UTF-16 by its byte-order mark; UTF-8 when nothing is declared, as XML says).
 */
export function decodeXml(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = /^(?:\ufeff)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1').replace(/^ï»¿/, ''))?.[1] ?? 'utf-8';
  const encoding = ENCODINGS[declared.toLowerCase()];
  if (!encoding) throw new InterchangeError('INTERCHANGE_FILE_INVALID', `${file} 第 1 行 <?xml?>：不支持的字符编码 ${declared}，请以 UTF-8、GB18030 或 GBK 编码导出`, { file, line: 1, element: 'xml', encoding: declared });
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InterchangeError('INTERCHANGE_FILE_INVALID', `${file}：内容不是声明的 ${declared} 编码，无法读取`, { file, line: 1, element: 'xml', encoding: declared });
  }
}

/** Other software's files found by their root element, whatever they are called: 公共档案 (optional) and 总账. */
export function foreignFiles(files: Map<string, Buffer>): ForeignFiles {
  let master: ForeignFiles['master'] = null;
  let ledger: ForeignFiles['ledger'] | null = null;
  for (const [file, bytes] of files) {
    const root = parseXml(file, decodeXml(file, bytes));
    // one file may hold both parts under a root of its own
    for (const part of [root, ...root.children]) {
      if (part.name === '公共档案') master ??= { file, root: part };
      if (part.name === '总账') ledger ??= { file, root: part };
    }
  }
  if (!ledger) throw new InterchangeError('INTERCHANGE_FILE_INVALID', '上传的文件中没有总账：数据接口文件须有根元素为 <总账> 的 XML 文件（科目表、余额、凭证）', { missing: '总账' });
  return { master, ledger };
}
