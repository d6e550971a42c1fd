import JSZip from 'jszip';
import { postVoucher, reverseVoucher } from './builders';
import { Http, TestApp } from './test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * A union's books with every kind of record the interchange carries: a detail sub-account (with a colon in its
 * name), a project, opening balances, blue and red vouchers, restricted lines, a closed month (closing vouchers,
 * kept statements) and an open one.
 */
export async function seedBooks(t: TestApp, unionId: string): Promise<void> {
  const http = t.http();
  await http.post(`/api/unions/${unionId}/accounts`).send({ parentCode: '50106', code: '5010601', name: '职工活动:文体' }).expect(201);
  await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P1', name: '职工书屋' }).expect(201);
  await t.http().post(`/api/unions/${unionId}/opening-balances`).send({ lines: [{ account: '10201', debit: '50000.00' }, { account: '32205', credit: '50000.00' }] }).expect(200);
  await postVoucher(t, unionId, '2026-01-05', [{ account: '10201', debit: '8000.00', summary: '拨入经费；一月' }, { account: '402', credit: '8000.00' }]);
  const spend = await postVoucher(t, unionId, '2026-01-12', [{ account: '5010601', debit: '300.00', summary: '羽毛球比赛' }, { account: '10201', credit: '300.00' }]);
  await postVoucher(t, unionId, '2026-01-20', [{ account: '50404', debit: '1800.00', project: 'P1', fundType: 'restricted' }, { account: '10201', credit: '1800.00' }]);
  await t.http().post(`/api/unions/${unionId}/periods/2026-01/close`).expect(200);
  await reverseVoucher(t, unionId, spend.id, '2026-02-03');
  await postVoucher(t, unionId, '2026-02-10', [{ account: '5010601', debit: '1234.56', summary: '文体 | 活动 <器材> & 服装' }, { account: '10201', credit: '1234.56' }]);
}

export async function download(as: Http, url: string): Promise<Buffer> {
  const res = await as().get(url).buffer(true).parse(binary);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Buffer;
}

export async function unzip(zip: Buffer): Promise<Record<string, string>> {
  const archive = await JSZip.loadAsync(zip);
  const out: Record<string, string> = {};
  for (const name of Object.keys(archive.files)) out[name] = await archive.files[name].async('string');
  return out;
}
