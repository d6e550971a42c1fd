import Decimal from 'decimal.js';

/** A bank statement line not yet matched: money in positive, out negative. */
export interface BankSideLine {
  id: string;
  date: string;
  amount: Decimal;
  reference: string | null;
}

/** A posted voucher line on a share of the pooled account: debit (money in) positive, credit negative. */
export interface BookSideLine {
  key: string;
  date: string;
  amount: Decimal;
  reference: string | null;
  /** The voucher the line belongs to (union and voucher id): lines of one voucher on two shares offset each other. */
  voucher?: string;
}

export type MatchRule = 'reference' | 'amount_date' | 'amount_window' | 'one_to_many' | 'many_to_one' | 'transfer' | 'transfer_window';
export type Confidence = 'high' | 'medium' | 'low';

export interface ProposedMatch {
  statement: string[];
  book: string[];
  rule: MatchRule;
  confidence: Confidence;
}

/** Rule → confidence. High and medium are taken as matched; low ones wait for the cashier (review queue). */
export const RULE_CONFIDENCE: Record<MatchRule, Confidence> = {
  reference: 'high',
  amount_date: 'medium',
  amount_window: 'low',
  one_to_many: 'low',
  many_to_one: 'low',
  transfer: 'high',
  transfer_window: 'low',
};

const DAY = 86_400_000;
const dayNo = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const cents = (a: Decimal) => a.times(100).toFixed(0);
const normRef = (r: string | null) => (r ? r.replace(/\s/g, '').toUpperCase() : '');

/**
 * Pairs statement lines with book lines, in four passes, each on what the passes before left:
 * 1. the same bank reference, the groups' sums equal (1–1, one bank credit = a batch's many vouchers, one
 *    transfer = several claims' vouchers, or the reverse);
 * 2. the same amount, the closest date within `windowDays` (the same day and only candidate: medium; else low);
 * 3. one statement line = the sum of the book lines of one day (within the window before or after);
 * 4. one book line = the sum of the statement lines of one day.
 * Book lines that offset each other without any bank movement (内部划转: money moved between two shares of the
 * account) are paired with each other, never with a statement line: first the lines of one voucher on two
 * shares (0.), and book lines of one reference no statement line carries, summing to zero (1.) — both sure; last,
 * an inflow and an outflow of the same amount within the window, both on or before `statementThrough` (the
 * statement covers their days and shows no movement for them) — proposed only (5.).
 * Every pass works through hash maps keyed by reference, amount or day: O(n log n), never n × m.
 */
export function matchLines(statementLines: BankSideLine[], bookLines: BookSideLine[], windowDays: number, statementThrough: string | null = null): ProposedMatch[] {
  const statement = statementLines.map((l) => ({ ...l, day: dayNo(l.date), cents: cents(l.amount) }));
  const book = bookLines.map((l) => ({ ...l, day: dayNo(l.date), cents: cents(l.amount) }));
  const matches: ProposedMatch[] = [];
  const usedS = new Set<string>();
  const usedB = new Set<string>();
  const take = (s: string[], b: string[], rule: MatchRule) => {
    s.forEach((x) => usedS.add(x));
    b.forEach((x) => usedB.add(x));
    matches.push({ statement: s, book: b, rule, confidence: RULE_CONFIDENCE[rule] });
  };

  // 0. one voucher's lines on two shares: a transfer inside the pooled account
  for (const lines of groupBy(book.filter((l) => l.voucher), (l) => l.voucher!).values()) {
    if (lines.length < 2) continue;
    if (total(lines).isZero()) {
      take([], lines.map((l) => l.key), 'transfer');
      continue;
    }
    const outs = new Map<string, typeof lines>();
    for (const l of lines) if (l.amount.isNegative()) push(outs, l.amount.negated().times(100).toFixed(0), l);
    for (const l of lines) {
      const o = l.amount.isPositive() ? outs.get(l.cents)?.shift() : undefined;
      if (o) take([], [o.key, l.key], 'transfer');
    }
  }

  // 1. reference
  const sByRef = groupBy(statement.filter((l) => normRef(l.reference)), (l) => normRef(l.reference));
  const bByRef = groupBy(book.filter((l) => normRef(l.reference) && !usedB.has(l.key)), (l) => normRef(l.reference));
  for (const [ref, bs] of bByRef) {
    // a reference the bank never shows, on book lines in and out that cancel: moved between shares
    if (!sByRef.has(ref) && bs.length > 1 && total(bs).isZero()) take([], bs.map((l) => l.key), 'transfer');
  }
  for (const [ref, ss] of sByRef) {
    const bs = bByRef.get(ref);
    if (!bs) continue;
    if (total(ss).equals(total(bs))) {
      take(ss.map((l) => l.id), bs.map((l) => l.key), 'reference');
      continue;
    }
    // sums differ: pair the lines of the group that have the same amount
    const free = new Map<string, typeof bs>();
    for (const b of bs) push(free, b.cents, b);
    for (const s of ss) {
      const b = free.get(s.cents)?.shift();
      if (b) take([s.id], [b.key], 'reference');
    }
  }

  // 2. amount and date
  const restS = () => statement.filter((l) => !usedS.has(l.id)).sort(byDate);
  const restB = () => book.filter((l) => !usedB.has(l.key)).sort(byDate);
  const bByAmount = groupBy(restB(), (l) => l.cents);
  for (const s of restS()) {
    const candidates = bByAmount.get(s.cents);
    if (!candidates) continue;
    const d = s.day;
    let best = -1;
    let bestGap = Infinity;
    let sameDay = 0;
    for (let i = lowerBound(candidates, d - windowDays); i < candidates.length; i++) {
      if (candidates[i].day - d > windowDays) break; // sorted by date
      const gap = Math.abs(candidates[i].day - d);
      if (gap === 0) sameDay++;
      if (gap < bestGap) [best, bestGap] = [i, gap];
    }
    if (best < 0) continue;
    const [b] = candidates.splice(best, 1);
    take([s.id], [b.key], bestGap === 0 && sameDay === 1 ? 'amount_date' : 'amount_window');
  }

  // 3. one statement line = one day's book lines (same direction)
  const dayGroups = <T extends { day: number; amount: Decimal }>(lines: T[]) => {
    const m = new Map<string, T[]>();
    for (const l of lines) push(m, `${l.day}|${l.amount.isNegative() ? '-' : '+'}`, l);
    return m;
  };
  const bDays = dayGroups(restB());
  for (const s of restS()) {
    const sign = s.amount.isNegative() ? '-' : '+';
    for (const off of offsets(windowDays)) {
      const group = bDays.get(`${s.day + off}|${sign}`)?.filter((b) => !usedB.has(b.key));
      if (group && group.length > 1 && total(group).equals(s.amount)) {
        take([s.id], group.map((b) => b.key), 'one_to_many');
        break;
      }
    }
  }

  // 4. one book line = one day's statement lines
  const sDays = dayGroups(restS());
  for (const b of restB()) {
    const sign = b.amount.isNegative() ? '-' : '+';
    for (const off of offsets(windowDays)) {
      const group = sDays.get(`${b.day + off}|${sign}`)?.filter((s) => !usedS.has(s.id));
      if (group && group.length > 1 && total(group).equals(b.amount)) {
        take(group.map((s) => s.id), [b.key], 'many_to_one');
        break;
      }
    }
  }

  // 5. an inflow and an outflow of one amount on days the statement covers without a movement for them
  if (statementThrough !== null) {
    const through = dayNo(statementThrough);
    const left = restB().filter((l) => l.day <= through);
    const ins = groupBy(left.filter((l) => l.amount.isPositive()), (l) => l.cents);
    for (const o of left.filter((l) => l.amount.isNegative())) {
      const candidates = ins.get(o.amount.negated().times(100).toFixed(0));
      if (!candidates) continue;
      let best = -1;
      let bestGap = Infinity;
      for (let i = lowerBound(candidates, o.day - windowDays); i < candidates.length; i++) {
        if (candidates[i].day - o.day > windowDays) break;
        const gap = Math.abs(candidates[i].day - o.day);
        if (gap < bestGap) [best, bestGap] = [i, gap];
      }
      if (best < 0) continue;
      const [i] = candidates.splice(best, 1);
      take([], [o.key, i.key], 'transfer_window');
    }
  }
  return matches;
}

/** 0, then +1, −1, +2, −2 … (the bank books the day of the voucher or a few days later, seldom before). */
function offsets(window: number): number[] {
  const out = [0];
  for (let i = 1; i <= window; i++) out.push(i, -i);
  return out;
}

function byDate(a: { day: number }, b: { day: number }): number {
  return a.day - b.day;
}

/** The first index whose day is ≥ `day`, in a list sorted by day. */
function lowerBound(list: { day: number }[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function total(lines: { amount: Decimal }[]): Decimal {
  return lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) push(m, key(i), i);
  return m;
}
