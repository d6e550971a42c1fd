import { Agent, request } from 'undici';

export type Json = Record<string, unknown>;

/**
 * The load generator's HTTP client: keep-alive connections to the service, bearer tokens, JSON in and out;
 * any status ≥ 300 throws, so the load counts it as an error.
 */
export function benchHttp(baseUrl: string, connections: number) {
  const agent = new Agent({ connections, pipelining: 1 });
  const send = async (method: 'POST' | 'GET', path: string, token: string | undefined, headers: Record<string, string>, body?: string | Buffer): Promise<Json> => {
    const res = await request(`${baseUrl}${path}`, {
      method,
      dispatcher: agent,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const json = (await res.body.json()) as Json;
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${JSON.stringify(json)}`);
    return json;
  };
  const call = (method: 'POST' | 'GET', path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
    send(method, path, token, { 'content-type': 'application/json', ...headers }, body === undefined ? undefined : JSON.stringify(body));
  return { send, call, close: () => agent.close() };
}
