import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { BankingError } from '../banking.errors';

export interface Upload {
  fileName: string;
  content: Buffer;
  /** The form's text fields sent before the file (multipart streams them first). */
  fields: Record<string, string>;
}

/**
 * One file from a multipart/form-data request, with the text fields before it. The size limit (10 MB) is
 * the app's multipart limit, enforced while streaming.
 */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  let part: MultipartFile | undefined;
  let content: Buffer;
  try {
    part = request.isMultipart() ? await request.file() : undefined;
    if (!part) throw new BankingError('FILE_UNREADABLE', '请以 multipart/form-data 上传一个文件（字段 file）');
    content = await part.toBuffer();
  } catch (err) {
    if (err instanceof BankingError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new BankingError('FILE_UNREADABLE', '文件不能超过 10 MB，请拆分后分批上传');
    throw new BankingError('FILE_UNREADABLE', '上传内容无法读取，请以 multipart/form-data 上传一个文件（字段 file）');
  }
  if (content.length === 0) throw new BankingError('FILE_UNREADABLE', '上传的文件是空的');
  const fields: Record<string, string> = {};
  for (const [name, f] of Object.entries(part.fields)) {
    const one = Array.isArray(f) ? f[0] : f;
    if (one && 'value' in one && typeof one.value === 'string' && one.value.trim() !== '') fields[name] = one.value.trim();
  }
  return { fileName: (part.filename || 'upload').slice(0, 200), content, fields };
}
