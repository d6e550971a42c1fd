import { toApiError } from './api-error';
import { session } from './session';

/** Sends one file as multipart `file` (the generated client does not build multipart bodies), with the token. */
export async function uploadFile<T>(url: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  // the server reads the fields before the file: append in that order
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', file, file.name);
  const res = await session.fetch(new Request(url, { method: 'POST', body: data }));
  const body = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}
