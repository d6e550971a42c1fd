import { auditChain, booksChain, legacyVoucherChain, Query } from './chain-readers';
import { BooksReplay, SemanticProblem } from './domain/books-replay';
import { Anchor, ChainReport } from './domain/chain.rules';
import { ChainName } from './domain/checkpoint.rules';
import { ClaimProblem } from './domain/claims-consistency';
import { BalanceCheck, checkBalances, checkClaims, checkNumbering, checkReversalLinks, compareRows, NumberingCheck, RowMismatch } from './row-checks';

export type Head = { seq: number; hash: string };

export interface ChainSection extends ChainReport {
  /** The head row the database keeps for this chain. */
  head: Head | null;
  /** The latest head signed in a checkpoint, which the chain must still contain. */
  checkpoint: (Head & { at: string }) | null;
}

export interface IntegrityReport {
  unionId: string;
  verifiedAt: string;
  ok: boolean;
  /** The audit log (who did what), hash-chained. */
  audit: ChainSection;
  /** The books chain: a record of every change to every row an auditor relies on, compared with the rows. */
  records: ChainSection & { rowsCompared: number; mismatches: RowMismatch[] };
  /** The voucher chain of vouchers posted before the books chain began (no longer grows). */
  legacyVouchers: ChainSection;
  balances: BalanceCheck;
  numbering: NumberingCheck;
  /** What must have held at every commit (replayed from the books chain) and what must hold now. */
  semantics: { ok: boolean; problems: (SemanticProblem | ClaimProblem | { check: 'reversal-link'; key: string; detail: string })[] };
}

export type Anchors = Partial<Record<ChainName, (Head & { at: string }) | null>>;

/**
 * Verifies one union's books inside the caller's read snapshot: every hash of the audit chain, the books
 * chain and the old voucher chain recomputed in Node from the rows; each chain's head row and its latest
 * signed checkpoint; every chained row against its latest record; balances against a replay of the lines;
 * numbering; the semantic checks of the replay and of claims. Plain class: the service, the CLI and the
 * export worker use it alike.
 */
export class BooksVerifier {
  constructor(private readonly query: Query) {}

  async verify(unionId: string, anchors: Anchors = {}): Promise<IntegrityReport> {
    await this.query(`SET LOCAL datestyle = 'ISO, YMD'`);
    await this.query(`SET LOCAL timezone = 'UTC'`);
    const heads = await this.heads(unionId);
    const section = (c: ChainName, report: ChainReport): ChainSection => {
      const head = heads.get(c) ?? null;
      const sameHead = head ? head.seq === report.count && head.hash === report.lastHash : report.count === 0;
      return { ...report, ok: report.ok && sameHead, head, checkpoint: anchors[c] ?? null };
    };
    const audit = section('audit', await auditChain(this.query, unionId, anchors.audit ?? null));
    const legacyVouchers = section('vouchers', await legacyVoucherChain(this.query, unionId, anchors.vouchers ?? null));
    const replay = new BooksReplay();
    const chained = section('records', await booksChain(this.query, unionId, anchors.records ?? null, (r) => replay.feed(r)));
    const rows = await compareRows(this.query, unionId);
    const records = { ...chained, ok: chained.ok && rows.mismatches.length === 0, rowsCompared: rows.compared, mismatches: rows.mismatches };
    const balances = await checkBalances(this.query, unionId);
    const numbering = await checkNumbering(this.query, unionId);
    const links = (await checkReversalLinks(this.query, unionId)).map((l) => ({ check: 'reversal-link' as const, ...l }));
    const problems = [...replay.result(), ...(await checkClaims(this.query, unionId)), ...links];
    const semantics = { ok: problems.length === 0, problems };
    return {
      unionId,
      verifiedAt: new Date().toISOString(),
      ok: audit.ok && records.ok && legacyVouchers.ok && balances.ok && numbering.ok && semantics.ok,
      audit,
      records,
      legacyVouchers,
      balances,
      numbering,
      semantics,
    };
  }

  /** The heads the database keeps, for every chain of the union. */
  async heads(unionId: string): Promise<Map<ChainName, Head>> {
    const rows = await this.query<{ chain: ChainName; seq: string; hash: string }>(`SELECT chain, seq::text, hash FROM chain_heads WHERE union_id = $1`, [unionId]);
    return new Map(rows.map((r) => [r.chain, { seq: Number(r.seq), hash: r.hash }]));
  }
}

/** Every union to verify: the service chain first, then each union, including any left only in the chains. */
export async function unionIds(query: Query, serviceChain: string): Promise<string[]> {
  const rows = await query<{ id: string }>(
    `SELECT id::text FROM unions UNION SELECT DISTINCT union_id::text FROM chain_heads WHERE union_id <> $1 ORDER BY 1`,
    [serviceChain],
  );
  return [serviceChain, ...rows.map((r) => r.id)];
}
