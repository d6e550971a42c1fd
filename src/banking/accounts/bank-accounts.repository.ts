import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';

export interface BankAccount {
  centerId: string;
  id: string;
  bankName: string | null;
  branch: string | null;
  accountNo: string | null;
  accountName: string | null;
  openedOn: string | null;
  openingBalance: Decimal | null;
  status: 'active' | 'closed';
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShareRow {
  unionId: string;
  unionCode: string;
  unionName: string;
  unionStatus: string;
  account: string;
  isDefault: boolean;
}

export interface SharePosition extends ShareRow {
  balance: Decimal;
  reserved: Decimal;
}

const COLUMNS = `
  center_id AS "centerId", id, bank_name AS "bankName", branch, account_no AS "accountNo", account_name AS "accountName",
  to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", opening_balance AS "openingBalance", status, is_default AS "isDefault",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

type Row = Omit<BankAccount, 'openingBalance'> & { openingBalance: string | null };
const toAccount = (r: Row): BankAccount => ({ ...r, openingBalance: r.openingBalance === null ? null : new Decimal(r.openingBalance) });

/** A center's pooled bank accounts (统一账户) and the unions' shares of them. */
@Injectable()
export class BankAccountsRepository {
  async list(em: EntityManager, centerId: string): Promise<BankAccount[]> {
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} FROM bank_accounts WHERE center_id = $1 ORDER BY created_at, id`, [centerId]);
    return rows.map(toAccount);
  }

  async find(em: EntityManager, centerId: string, id: string, opts: { lock?: boolean } = {}): Promise<BankAccount | undefined> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM bank_accounts WHERE center_id = $1 AND id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [centerId, id],
    );
    return rows[0] && toAccount(rows[0]);
  }

  async insert(em: EntityManager, a: Omit<BankAccount, 'createdAt' | 'updatedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO bank_accounts (center_id, id, bank_name, branch, account_no, account_name, opened_on, opening_balance, status, is_default)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [a.centerId, a.id, a.bankName, a.branch, a.accountNo, a.accountName, a.openedOn, a.openingBalance?.toFixed(2) ?? null, a.status, a.isDefault],
    );
  }

  async update(em: EntityManager, a: BankAccount): Promise<void> {
    await em.query(
      `UPDATE bank_accounts SET bank_name = $3, branch = $4, account_no = $5, account_name = $6, opened_on = $7, opening_balance = $8,
              status = $9, is_default = $10, updated_at = now()
        WHERE center_id = $1 AND id = $2`,
      [a.centerId, a.id, a.bankName, a.branch, a.accountNo, a.accountName, a.openedOn, a.openingBalance?.toFixed(2) ?? null, a.status, a.isDefault],
    );
  }

  /** Makes no account of the center the default (before another becomes it: one default at most). */
  async clearDefault(em: EntityManager, centerId: string): Promise<void> {
    await em.query(`UPDATE bank_accounts SET is_default = false, updated_at = now() WHERE center_id = $1 AND is_default`, [centerId]);
  }

  async shares(em: EntityManager, centerId: string, bankAccountId: string): Promise<ShareRow[]> {
    return em.query(
      `SELECT s.union_id AS "unionId", u.code AS "unionCode", u.name AS "unionName", u.status AS "unionStatus",
              s.account_code AS account, s.is_default AS "isDefault"
         FROM bank_account_shares s JOIN unions u ON u.id = s.union_id
        WHERE s.center_id = $1 AND s.bank_account_id = $2
        ORDER BY u.code, s.account_code`,
      [centerId, bankAccountId],
    );
  }

  /** Number of shares and their total balance now, per account of the center. */
  async totals(em: EntityManager, centerId: string): Promise<Map<string, { shares: number; balance: Decimal }>> {
    const rows: { id: string; shares: number; balance: string }[] = await em.query(
      `SELECT s.bank_account_id AS id, count(*)::int AS shares, coalesce(sum(f.balance), 0) AS balance
         FROM bank_account_shares s, LATERAL ledger_funds(s.union_id, s.account_code) f
        WHERE s.center_id = $1 GROUP BY s.bank_account_id`,
      [centerId],
    );
    return new Map(rows.map((r) => [r.id, { shares: r.shares, balance: new Decimal(r.balance) }]));
  }

  /** The union's shares (any pooled account), its default first. */
  unionShares(em: EntityManager, unionId: string): Promise<{ account: string; bankAccountId: string; isDefault: boolean }[]> {
    return em.query(
      `SELECT account_code AS account, bank_account_id AS "bankAccountId", is_default AS "isDefault"
         FROM bank_account_shares WHERE union_id = $1 ORDER BY is_default DESC, account_code`,
      [unionId],
    );
  }

  /** Each share's balance at the end of `date` and what was reserved on it at that moment (China time). */
  async position(em: EntityManager, centerId: string, bankAccountId: string, date: string, zone: string): Promise<SharePosition[]> {
    const rows: (ShareRow & { balance: string; reserved: string })[] = await em.query(
      `SELECT s.union_id AS "unionId", u.code AS "unionCode", u.name AS "unionName", u.status AS "unionStatus",
              s.account_code AS account, s.is_default AS "isDefault",
              bank_share_balance(s.union_id, s.account_code, $3::date) AS balance,
              coalesce((SELECT sum(r.amount) FROM fund_reservations r
                         WHERE r.union_id = s.union_id AND r.account_code = s.account_code
                           AND r.created_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
                           AND (r.closed_at IS NULL OR r.closed_at >= (($3::date + 1)::timestamp AT TIME ZONE $4))), 0) AS reserved
         FROM bank_account_shares s JOIN unions u ON u.id = s.union_id
        WHERE s.center_id = $1 AND s.bank_account_id = $2
        ORDER BY u.code, s.account_code`,
      [centerId, bankAccountId, date, zone],
    );
    return rows.map((r) => ({ ...r, balance: new Decimal(r.balance), reserved: new Decimal(r.reserved) }));
  }

  /** A union of the center (any status), or undefined. */
  async unionOfCenter(em: EntityManager, centerId: string, unionId: string): Promise<{ id: string; status: string } | undefined> {
    const rows: { id: string; status: string }[] = await em.query(`SELECT id, status FROM unions WHERE id = $1 AND center_id = $2`, [
      unionId,
      centerId,
    ]);
    return rows[0];
  }

  /** The next free detail code under 102 in the union's chart (10202, 10203, …). */
  async nextBankLeaf(em: EntityManager, unionId: string): Promise<string> {
    const [row]: { code: string | null }[] = await em.query(
      `SELECT '102' || lpad(n::text, 2, '0') AS code FROM generate_series(1, 99) n
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.union_id = $1 AND a.code = '102' || lpad(n::text, 2, '0'))
        ORDER BY n LIMIT 1`,
      [unionId],
    );
    return row.code!;
  }

  /** A new detail of 102 in the union's books (the parent 102 is never a leaf: 10201 is under it). */
  async insertBankLeaf(em: EntityManager, unionId: string, code: string, name: string): Promise<void> {
    await em.query(`SELECT 1 FROM accounts WHERE union_id = $1 AND code = '102' FOR UPDATE`, [unionId]);
    await em.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       VALUES ($1, $2, $3, 'asset', 'debit', '102', 2, true, true)`,
      [unionId, code, name],
    );
  }

  async insertShare(em: EntityManager, s: { unionId: string; account: string; centerId: string; bankAccountId: string }): Promise<void> {
    await em.query(
      `INSERT INTO bank_account_shares (union_id, account_code, center_id, bank_account_id, is_default) VALUES ($1, $2, $3, $4, false)`,
      [s.unionId, s.account, s.centerId, s.bankAccountId],
    );
  }

  /** The union's default share becomes `account` (the one it is paid into and pays from unless told otherwise). */
  async makeDefaultShare(em: EntityManager, unionId: string, account: string): Promise<void> {
    await em.query(`UPDATE bank_account_shares SET is_default = false WHERE union_id = $1 AND is_default AND account_code <> $2`, [unionId, account]);
    await em.query(`UPDATE bank_account_shares SET is_default = true WHERE union_id = $1 AND account_code = $2`, [unionId, account]);
  }

  /** Open reservations on the account's shares: an account holding reserved money cannot close. */
  async openReservations(em: EntityManager, centerId: string, bankAccountId: string): Promise<number> {
    const [row]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM bank_account_shares s
         JOIN fund_reservations r ON r.union_id = s.union_id AND r.account_code = s.account_code AND r.status = 'open'
        WHERE s.center_id = $1 AND s.bank_account_id = $2`,
      [centerId, bankAccountId],
    );
    return row.n;
  }
}
