import { randomBytes } from 'node:crypto';
import { ADMIN } from './service';

/** A minimal JSON client for setting the scene through the API; the flows themselves go through the UI only. */
export class ApiClient {
  constructor(
    readonly url: string,
    private token: string,
  ) {}

  static async login(url: string, username: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await res.json()) as { accessToken: string };
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
    return new ApiClient(url, body.accessToken);
  }

  async request<T = Record<string, any>>(method: string, path: string, body?: unknown, expect = [200, 201, 202, 204], headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return json as T;
  }

  get<T = Record<string, any>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, any>>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
}

export interface Person {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

export interface Scene {
  admin: ApiClient;
  centerId: string;
  unions: Record<'A' | 'B', { id: string; name: string }>;
  people: Record<'clerk' | 'chair' | 'accountant' | 'director' | 'cashier' | 'auditor' | 'clerkB', Person>;
  /** logs in as one of the people, through the API (for setting the scene only) */
  as(who: Person): Promise<ApiClient>;
}

const uniq = () => randomBytes(3).toString('hex');

/**
 * One center with two unions, A and B, and the people of the flows: A's clerk and chair, the center's
 * accountant, director, cashier and auditor, and B's clerk. A gets money in its share of the pooled account
 * (a voucher prepared by the accountant and posted by the director), so its claims can be approved and paid.
 */
export async function seedScene(url: string, fundsForA = '50000.00'): Promise<Scene> {
  const admin = await ApiClient.login(url, ADMIN.username, ADMIN.password);
  const center = await admin.post('/api/centers', { code: `C${uniq()}`, name: '示范市总工会经费集中核算服务中心' });
  const people = {} as Scene['people'];
  const make = async (key: keyof Scene['people'], displayName: string, grants: object[]) => {
    const username = `${key.toLowerCase()}.${uniq()}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const user = await admin.post('/api/users', { username, displayName, password });
    for (const g of grants) await admin.post(`/api/users/${user.id}/grants`, g);
    people[key] = { id: user.id, username, password, displayName };
  };
  await make('director', '周主任', [{ role: 'director', centerId: center.id }]);
  const director = await ApiClient.login(url, people.director.username, people.director.password);
  const unions = {} as Scene['unions'];
  for (const [key, name] of [
    ['A', '示范机械厂工会委员会'],
    ['B', '示范纺织厂工会委员会'],
  ] as const) {
    const u = await director.post('/api/unions', { centerId: center.id, code: `9133${uniq()}${key}`, name, chartTemplate: 'grassroots', firstPeriod: '2026-01' });
    unions[key] = { id: u.id, name };
  }
  await make('accountant', '李会计', [{ role: 'accountant', centerId: center.id }]);
  await make('cashier', '王出纳', [{ role: 'cashier', centerId: center.id }]);
  await make('auditor', '赵审计', [{ role: 'auditor', centerId: center.id }]);
  await make('chair', '陈主席', [{ role: 'chair', unionId: unions.A.id }]);
  await make('clerk', '刘报账员', [{ role: 'clerk', unionId: unions.A.id }]);
  await make('clerkB', '孙报账员', [{ role: 'clerk', unionId: unions.B.id }]);

  const as = (who: Person) => ApiClient.login(url, who.username, who.password);
  if (fundsForA !== '0') {
    const accountant = await as(people.accountant);
    const draft = await accountant.post(`/api/unions/${unions.A.id}/vouchers`, {
      date: '2026-01-05',
      lines: [
        { summary: '收到拨缴经费', account: '10201', debit: fundsForA },
        { summary: '收到拨缴经费', account: '402', credit: fundsForA },
      ],
    });
    await director.post(`/api/unions/${unions.A.id}/vouchers/${draft.id}/post`);
  }
  return { admin, centerId: center.id, unions, people, as };
}
