import { Scene } from './seed';

/** The center's default pooled account with its bank details entered (statements and receipts need them). */
export async function registerDefaultAccount(scene: Scene): Promise<void> {
  const director = await scene.as(scene.people.director);
  const [account] = (await director.get<Record<string, any>[]>(`/api/centers/${scene.centerId}/bank-accounts`)).filter((a) => a.isDefault);
  await director.request('PATCH', `/api/centers/${scene.centerId}/bank-accounts/${account.id}`, {
    bankName: '中国工商银行',
    branch: '示范市分行营业部',
    accountNo: '1202000000000000001',
    accountName: '示范市总工会经费集中核算服务中心',
    openedOn: '2026-01-01',
    openingBalance: '0.00',
  });
}
