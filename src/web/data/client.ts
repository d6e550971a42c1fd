import createClient from 'openapi-fetch';
import { toApiError } from './api-error';
import type { components, paths } from './openapi';
import { session } from './session';

export type Schemas = components['schemas'];

/** The typed API client (generated types, see openapi.d.ts); every request goes out with the session's token. */
export const api = createClient<paths>({ fetch: session.fetch });

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the server's Chinese message. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}

/** A file behind the login (a claim's document, an export): fetched with the token, handed back as a Blob. */
export async function fetchBlob(url: string): Promise<Blob> {
  const res = await session.fetch(new Request(url));
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
  return res.blob();
}

/** Saves a Blob under a file name, the way a download link would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
