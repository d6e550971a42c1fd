import type { Schemas } from '../../data/client';

type Account = Schemas['AccountResponse'];

export interface AccountOption {
  value: string;
  label: string;
  /** what a search matches: the code, the name and the path (银行存款—集中核算户) */
  search: string;
}

/** Accounts a voucher line may use: active leaves, shown as "10201 银行存款—集中核算户". */
export function postingAccounts(accounts: Account[]): AccountOption[] {
  return accounts.filter((a) => a.leaf && a.active).map((a) => ({ value: a.code, label: `${a.code} ${a.path}`, search: `${a.code} ${a.path}`.toLowerCase() }));
}

/** By code prefix first (accountants key codes), then by name anywhere. */
export function matchAccount(input: string, option: AccountOption): boolean {
  const q = input.trim().toLowerCase();
  if (!q) return true;
  return /^\d+$/.test(q) ? option.value.startsWith(q) : option.search.includes(q);
}
