import Decimal from 'decimal.js';
import { field, items, JsonbNode } from './jsonb-text';

export const FUNDING_ACCOUNT = '10201';

/** One record of the books chain, its row parsed without loss. */
export interface ChainRecord {
  seq: number;
  txId: string;
  kind: string;
  key: string;
  op: 'adopt' | 'insert' | 'update' | 'delete';
  row: JsonbNode | null;
}

export interface SemanticProblem {
  check: 'posted-into-closed-period' | 'voucher-unbalanced' | 'line-date-differs' | 'reversed-twice' | 'funds-negative';
  seq: number;
  key: string;
  detail: string;
}

interface Reservation {
  account: string;
  amount: Decimal;
  status: string;
}

const periodOf = (date: string) => Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));

/**
 * Replays a union's books chain in order and checks what must have held at every commit, from the
 * records alone: no voucher posted into a month that its chained period events had closed (and not
 * reopened) before it; every voucher balanced with its lines on its date; at most one reversal per
 * voucher; available funds (balance − open reservations) never below zero after a commit that took
 * money off the funding account or opened or consumed a reservation — where the database checks them. A
 * transaction's records are contiguous in the chain and judged together, as the database judged them.
 * Records adopted when the chain began (`adopt`) carry no order, so only their totals are judged.
 */
export class BooksReplay {
  static readonly MAX_PROBLEMS = 50;

  private readonly closed = new Map<number, boolean>();
  private readonly reversals = new Map<string, number>();
  /** Opening balance lines by their key (line_no since 321 carries one line per project), with their account. */
  private readonly openings = new Map<string, { account: string; amount: Decimal }>();
  private readonly activity = new Map<string, Decimal>();
  private readonly reservations = new Map<string, Reservation>();
  private readonly problems: SemanticProblem[] = [];
  private tx: { id: string; seq: number; check: Set<string> } | null = null;

  feed(r: ChainRecord): void {
    if (this.tx && this.tx.id !== r.txId) this.endTransaction();
    this.tx ??= { id: r.txId, seq: r.seq, check: new Set() };
    this.tx.seq = r.seq;
    switch (r.kind) {
      case 'period_events':
        if (r.row) this.closed.set(Number(field(r.row, 'period')), field(r.row, 'action') === 'close');
        break;
      case 'vouchers':
        if (r.row) this.voucher(r);
        break;
      case 'voucher_reversals':
        if (r.op === 'insert' || r.op === 'adopt') {
          const n = (this.reversals.get(r.key) ?? 0) + 1;
          this.reversals.set(r.key, n);
          if (n > 1) this.report({ check: 'reversed-twice', seq: r.seq, key: r.key, detail: `voucher ${r.key} reversed ${n} times` });
        }
        break;
      case 'opening_balances':
        if (r.row) this.openings.set(r.key, { account: String(field(r.row, 'account_code') ?? r.key), amount: new Decimal(field(r.row, 'amount') ?? '0') });
        else this.openings.delete(r.key);
        break;
      case 'fund_reservations':
        if (r.row) this.reservation(r.key, r.row);
        break;
    }
  }

  /** Ends the replay; the problems found, in chain order. */
  result(): SemanticProblem[] {
    if (this.tx) this.endTransaction();
    return [...this.problems];
  }

  private voucher(r: ChainRecord): void {
    const period = Number(field(r.row!, 'period'));
    const date = field(r.row!, 'voucher_date');
    if (r.op !== 'adopt' && this.closed.get(period)) {
      this.report({ check: 'posted-into-closed-period', seq: r.seq, key: r.key, detail: `voucher ${r.key} posted into closed period ${period}` });
    }
    let debit = new Decimal(0);
    let credit = new Decimal(0);
    for (const line of items(r.row!, 'lines')) {
      const account = field(line, 'account_code')!;
      const d = new Decimal(field(line, 'debit') ?? '0');
      const c = new Decimal(field(line, 'credit') ?? '0');
      debit = debit.plus(d);
      credit = credit.plus(c);
      this.activity.set(account, (this.activity.get(account) ?? new Decimal(0)).plus(d).minus(c));
      // as the database's funds trigger: a posting that takes money off the funding account is checked
      if (account === FUNDING_ACCOUNT && (c.gt(0) || d.lt(0))) this.tx!.check.add(FUNDING_ACCOUNT);
      const lineDate = field(line, 'voucher_date');
      if (lineDate !== date || (lineDate && periodOf(lineDate) !== period)) {
        this.report({ check: 'line-date-differs', seq: r.seq, key: r.key, detail: `voucher ${r.key} line ${field(line, 'line_no')} dated ${lineDate}, voucher ${date}` });
      }
    }
    if (!debit.eq(credit)) {
      this.report({ check: 'voucher-unbalanced', seq: r.seq, key: r.key, detail: `voucher ${r.key}: debit ${debit.toFixed(2)}, credit ${credit.toFixed(2)}` });
    }
  }

  private reservation(key: string, row: JsonbNode): void {
    const status = field(row, 'status') ?? '';
    const account = field(row, 'account_code') ?? FUNDING_ACCOUNT;
    const before = this.reservations.get(key)?.status;
    this.reservations.set(key, { account, amount: new Decimal(field(row, 'amount') ?? '0'), status });
    // the database checks an account when a reservation opens on it, and a cash payment when it consumes one
    if ((status === 'open' && before === undefined) || (status === 'consumed' && before === 'open')) this.tx!.check.add(account);
  }

  private available(account: string): Decimal {
    let reserved = new Decimal(0);
    for (const r of this.reservations.values()) if (r.account === account && r.status === 'open') reserved = reserved.plus(r.amount);
    let opening = new Decimal(0);
    for (const o of this.openings.values()) if (o.account === account) opening = opening.plus(o.amount);
    const balance = opening.plus(this.activity.get(account) ?? 0);
    return balance.minus(reserved);
  }

  private endTransaction(): void {
    const tx = this.tx!;
    this.tx = null;
    for (const account of tx.check) {
      const available = this.available(account);
      if (available.lt(0)) {
        this.report({ check: 'funds-negative', seq: tx.seq, key: account, detail: `available funds on ${account} ${available.toFixed(2)} after transaction ${tx.id}` });
      }
    }
  }

  private report(p: SemanticProblem): void {
    if (this.problems.length < BooksReplay.MAX_PROBLEMS) this.problems.push(p);
  }
}
