import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';

/**
 * Accounts whose available funds the database guards when money leaves them: the union's shares of the
 * pooled bank account, which are leaves under 102 银行存款 (10201 集中核算户 by default; the mapping of
 * shares is the database's, so every leaf under 102 is treated as one here — a wider net only sends a
 * voucher down the careful path, it never refuses one). Cash on hand (101) is not among them: the database
 * refuses no posting for cash (docs/decisions.md, "Available funds": manual vouchers may take 101 below zero;
 * only a cash claim's reservation and its payment check cash, in their own transactions), so no shared batch
 * can meet a refusal for cash, and checking it here would only send such vouchers to their lane.
 */
export function isGuardedAccount(code: string): boolean {
  return code.startsWith('102');
}

/**
 * What a voucher takes out of each guarded account: its credits minus its debits on that account (a red
 * debit, a negative amount, takes money out too). Accounts it only pays into are left out.
 */
export function outflows(lines: readonly { accountCode: string; side: 'debit' | 'credit'; amount: Decimal }[]): Map<string, Decimal> {
  const net = new Map<string, Decimal>();
  for (const line of lines) {
    if (!isGuardedAccount(line.accountCode)) continue;
    const out = line.side === 'credit' ? line.amount : line.amount.negated();
    net.set(line.accountCode, (net.get(line.accountCode) ?? ZERO).plus(out));
  }
  for (const [code, amount] of net) if (amount.lte(0)) net.delete(code);
  return net;
}

/**
 * Whether vouchers of one union, written together, stay within the funds available on every account they
 * take money out of (`available` as last read; an account not in it is not limited here).
 */
export function withinFunds(vouchers: readonly ReadonlyMap<string, Decimal>[], available: ReadonlyMap<string, Decimal>): boolean {
  const total = new Map<string, Decimal>();
  for (const out of vouchers) for (const [code, amount] of out) total.set(code, (total.get(code) ?? ZERO).plus(amount));
  for (const [code, amount] of total) {
    const free = available.get(code);
    if (free !== undefined && amount.gt(free)) return false;
  }
  return true;
}
