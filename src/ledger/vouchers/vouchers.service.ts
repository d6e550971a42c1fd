import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { periodOfDate } from '../../common/period';
import { Database } from '../../database/database.service';
import { BooksRepository, UnionVoucherContext } from '../books.repository';
import { outflows } from '../domain/funds.rules';
import { buildReversal, PostedVoucherView, redCopy } from '../domain/reversal.rules';
import { inferVoucherType, validateVoucher, ValidVoucher, VoucherContext, VoucherInput, VoucherLineInput } from '../domain/voucher.rules';
import { formatVoucherNumber } from '../domain/voucher-type';
import { LedgerClock } from '../ledger.clock';
import { LedgerError } from '../ledger.errors';
import { AuditService } from '../../audit/audit.service';
import { AuthError } from '../../auth/auth.errors';
import { assetCardStands } from '../../fixed-assets/fixed-assets.errors';
import { CreateVoucherDto, ReverseVoucherDto, UpdateVoucherDto } from './dto/voucher.dto';
import { VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { fromStoredLines, presentListItem, presentVoucher, storedFromValid, toLineInputs } from './voucher.mapper';
import { VoucherBatcher } from './voucher-batcher';
import { VoucherContextLoader } from './voucher-context.loader';
import { LedgerSettingsRepository } from '../settings/ledger-settings.repository';
import { NewPosted, Person, Posting, StoredVoucher, VoucherFilter, VoucherHeader, VouchersRepository } from './vouchers.repository';
import { VoucherSource } from './voucher.entity';

export type NewVoucher = Omit<VoucherInput, 'type'> & { type?: VoucherInput['type'] };

/** Drafts the system prepared from a source document: changed or withdrawn through that document only. */
const DOCUMENT_SOURCES: readonly VoucherSource[] = ['receipt', 'allocation', 'withdrawal'];

/**
 * 记账凭证: drafts are saved, edited and deleted; posting validates against the books as they are at that
 * moment and inserts the voucher into the append-only ledger, where the database numbers it and applies
 * its balances. One transaction per command.
 */
@Injectable()
export class VouchersService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly vouchers: VouchersRepository,
    private readonly clock: LedgerClock,
    private readonly batcher: VoucherBatcher,
    private readonly contexts: VoucherContextLoader,
    private readonly audit: AuditService,
    private readonly settings: LedgerSettingsRepository,
  ) {}

  /**
   * Saves a draft. The write is a single statement (header, lines and audit record; group-committed with
   * other drafts saved meanwhile), so no explicit transaction: the rules read the books first, and what
   * could change meanwhile (period closed, account deactivated) the database checks again. `post: true` is
   * refused for a person: 审核 ≠ 制单, the one who prepares a voucher never posts it.
   */
  create(unionId: string, dto: CreateVoucherDto, actor: Actor): Promise<VoucherResponse> {
    if (dto.post) throw selfReview();
    const lines = toLineInputs(dto.lines);
    const source: VoucherSource = dto.priorYearCorrection ? 'correction' : 'manual';
    const input = { date: dto.date, type: dto.type, red: dto.red ?? false, attachmentCount: dto.attachmentCount ?? 0, lines, source };
    return this.db.singleStatement((em) => this.saveDraft(em, unionId, input, actor));
  }

  update(unionId: string, id: string, dto: UpdateVoucherDto, actor: Actor): Promise<VoucherResponse> {
    const newLines = dto.lines && toLineInputs(dto.lines);
    return this.db.transaction(async (em) => {
      const draft = await this.lockDraft(em, unionId, id);
      refuseManualChange(draft, 'edit');
      refuseDocumentDraft(draft);
      const lines = newLines ?? fromStoredLines(await this.vouchers.draftLines(em, unionId, id));
      const { voucher } = await this.validate(em, unionId, {
        date: dto.date ?? draft.date,
        type: dto.type ?? draft.type,
        red: dto.red ?? draft.red,
        attachmentCount: dto.attachmentCount ?? draft.attachmentCount,
        lines,
        source: dto.priorYearCorrection === undefined ? draft.source : dto.priorYearCorrection ? 'correction' : 'manual',
      });
      await this.vouchers.replaceDraft(em, unionId, id, voucher, actor);
      await this.audit.record(em, actor, [
        { unionId, action: 'voucher.update', entityType: 'voucher', entityId: id, before: draftAudit(draft), after: draftAudit({ ...voucher, total: voucher.total }) },
      ]);
      return this.read(em, unionId, id);
    });
  }

  remove(unionId: string, id: string, actor: Actor): Promise<void> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const draft = await this.lockDraft(em, unionId, id);
      if (draft.source === 'claim') refuseManualChange(draft, 'delete');
      refuseDocumentDraft(draft);
      await this.discardDraftInTransaction(em, unionId, id, actor);
    });
  }

  /** Deletes a draft (and records it) inside the caller's transaction: the withdrawal of a source document. */
  async discardDraftInTransaction(em: EntityManager, unionId: string, id: string, actor: Actor): Promise<void> {
    const draft = await this.lockDraft(em, unionId, id);
    await this.vouchers.deleteDraft(em, unionId, id);
    await this.audit.record(em, actor, [{ unionId, action: 'voucher.delete', entityType: 'voucher', entityId: id, before: draftAudit(draft) }]);
  }

  /**
   * Saves drafts the service itself builds from source documents (receipts, allocation rows) inside the
   * caller's transaction, each validated against its union's books like any other (one context read and one
   * insert for all). Their preparer is who recorded the documents: they may not post them.
   */
  async draftManyInTransaction(
    em: EntityManager,
    drafts: { unionId: string; input: NewVoucher }[],
    who: { source: VoucherSource; preparer: Actor },
  ): Promise<{ id: string; voucher: ValidVoucher }[]> {
    const valid = await this.validateMany(em, drafts);
    const rows = valid.map((voucher, i) => ({ unionId: drafts[i].unionId, id: uuidv7(), voucher, source: who.source, preparer: who.preparer }));
    if (rows.length > 0) await this.vouchers.insertDrafts(em, rows);
    return rows.map((r) => ({ id: r.id, voucher: r.voucher }));
  }

  /**
   * Posts many vouchers the service builds (an allocation batch: one per union) inside the caller's
   * transaction: one context read, every voucher validated, then one posting statement for all. The
   * preparer (who uploaded the batch) is not the poster.
   */
  async postManyInTransaction(
    em: EntityManager,
    items: { unionId: string; input: NewVoucher }[],
    who: { source: VoucherSource; preparer: Pick<Actor, 'id' | 'name'>; poster: Actor; preparedAt?: Date },
  ): Promise<{ id: string; voucher: ValidVoucher; posting: Posting }[]> {
    if (who.preparer.id !== null && who.preparer.id === who.poster.id) throw selfReview();
    const valid = await this.validateMany(em, items);
    // sorted by union: the per-union locks the triggers take are always taken in one order
    const rows = valid
      .map((voucher, i) => ({ unionId: items[i].unionId, id: uuidv7(), voucher, ...who, ord: i }))
      .sort((a, b) => (a.unionId < b.unionId ? -1 : a.unionId > b.unionId ? 1 : a.ord - b.ord));
    const postings = rows.length > 0 ? await this.vouchers.insertPosted(em, rows) : [];
    const out = new Array<{ id: string; voucher: ValidVoucher; posting: Posting }>(rows.length);
    rows.forEach((r, i) => {
      if (!postings[i]) throw new Error(`${who.source} voucher was not posted`);
      out[r.ord] = { id: r.id, voucher: r.voucher, posting: postings[i]! };
    });
    return out;
  }

  /**
   * Many vouchers checked against their unions' books as they are now, with one read for all contexts:
   * each item's valid voucher, or the error it would be refused with (a whole file's problems at once).
   */
  async checkMany(em: EntityManager, items: { unionId: string; input: NewVoucher }[]): Promise<(ValidVoucher | Error)[]> {
    const contexts = await this.books.voucherContexts(em, items.map((d) => ({ unionId: d.unionId, want: wanted(d.input.date, d.input.lines) })));
    return items.map((d, i) => {
      const ctx = contexts[i];
      if (ctx instanceof Error) return ctx;
      try {
        return validateVoucher({ ...d.input, type: d.input.type ?? inferVoucherType(ctx.numbering, d.input.lines) }, ctx);
      } catch (err) {
        return err as Error;
      }
    });
  }

  private async validateMany(em: EntityManager, items: { unionId: string; input: NewVoucher }[]): Promise<ValidVoucher[]> {
    return (await this.checkMany(em, items)).map((v) => {
      if (v instanceof Error) throw v;
      return v;
    });
  }

  /**
   * 审核过账: posts a draft under its own id, by someone other than its preparer. No lock is held while the
   * rules run: the writing statement deletes the draft only at the version that was validated, so an edit
   * or a second post in between makes this one post nothing (VOUCHER_CHANGED / VOUCHER_NOT_DRAFT).
   */
  async post(unionId: string, id: string, actor: Actor): Promise<VoucherResponse> {
    const em = this.db.manager;
    const draft = await this.vouchers.draftForPosting(em, unionId, id);
    if (!draft) throw await this.notDraft(em, unionId, id);
    if (draft.source === 'claim') refuseManualChange(draft, 'post');
    if (draft.preparerId !== null && draft.preparerId === actor.id) throw selfReview();
    if (draft.reversalOfId) return this.postReversal(unionId, id, actor);
    const { voucher, ctx } = await this.validate(em, unionId, { ...draft, lines: fromStoredLines(draft.lines) });
    const posting = await this.batcher.post(
      {
        unionId,
        id,
        voucher,
        source: draft.source,
        preparer: { id: draft.preparerId, name: draft.preparer },
        poster: actor,
        preparedAt: draft.createdAt,
        draftVersion: draft.version ?? 1,
      },
      { outflows: outflows(voucher.lines), available: ctx.funds },
    );
    if (!posting) {
      if (await this.vouchers.isPosted(em, unionId, id)) throw notDraft();
      throw new LedgerError('VOUCHER_CHANGED', '凭证在审核期间被修改或删除，请重新查看后再过账');
    }
    return presentVoucher(
      storedFromValid(id, voucher, ctx.accounts, {
        source: draft.source,
        preparer: draft.preparer,
        preparerId: draft.preparerId,
        createdAt: draft.createdAt,
        posting,
        postedBy: actor.name,
        reviewer: actor.name,
        reviewerId: actor.id,
      }),
    );
  }

  /**
   * 红字冲销, prepared: a draft of the red-ink copy, which another person posts (审核 ≠ 制单) with
   * POST …/vouchers/:draftId/post. With `post: true`, and only where the center allows one-person reversal,
   * the caller prepares and posts it at once, and the voucher and its audit record say so.
   */
  reverse(unionId: string, id: string, dto: ReverseVoucherDto, actor: Actor): Promise<VoucherResponse> {
    if (dto.post) return this.reverseAlone(unionId, id, dto.date, actor);
    return this.db.singleStatement(async (em) => {
      const original = await this.reversible(em, unionId, id);
      const draft = this.reversalOf(original, dto.date);
      const { voucher, ctx } = await this.validate(em, unionId, draft);
      const draftId = uuidv7();
      // a reversal dated in a later year is a prior-year correction (source 'correction', through 年初余额调整)
      const source = draft.source ?? 'reversal';
      const { createdAt } = await this.batcher.saveDraft({ unionId, id: draftId, voucher, source, preparer: actor, reversalOf: id });
      const stored = storedFromValid(draftId, voucher, ctx.accounts, { source, preparer: actor.name, preparerId: actor.id, createdAt, posting: null, postedBy: null });
      return presentVoucher({ ...stored, reversalOfId: id, reversalOf: linkOf(original) });
    });
  }

  /** Posts a reversal draft: the original must still be unreversed once the union's posting lock is held. */
  private postReversal(unionId: string, draftId: string, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      await this.books.lockPosting(em, unionId, { forWrite: true });
      const draft = await this.lockDraft(em, unionId, draftId);
      if (draft.preparerId !== null && draft.preparerId === actor.id) throw selfReview();
      const original = await this.reversible(em, unionId, draft.reversalOfId!);
      const lines = fromStoredLines(await this.vouchers.draftLines(em, unionId, draftId));
      const { voucher } = await this.validate(em, unionId, { ...draft, lines });
      const [posting] = await this.vouchers.insertPosted(em, [
        { unionId, id: draftId, voucher, source: draft.source, preparer: { id: draft.preparerId, name: draft.preparer }, poster: actor, preparedAt: draft.createdAt, draftVersion: draft.version ?? 1 },
      ]);
      if (!posting) throw new LedgerError('VOUCHER_CHANGED', '凭证在审核期间被修改或删除，请重新查看后再过账');
      await this.linkReversal(em, unionId, original.id, draftId, posting, actor, { preparer: draft.preparer, onePerson: false });
      return this.read(em, unionId, draftId);
    });
  }

  /** 一人冲销: prepared and posted by the caller at once, where the center's setting allows it (the database checks too). */
  private reverseAlone(unionId: string, id: string, date: string | undefined, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      if (!(await this.settings.settingsOfUnion(em, unionId)).onePersonReversal) {
        throw new AuthError('SOD_SELF_REVIEW', '本中心未允许一人冲销：冲销凭证须由一人生成、另一人审核过账（可由中心主任在核算设置中开启一人冲销）');
      }
      // the posting lock first: a concurrent reversal of the same voucher waits here, then sees ours
      await this.books.lockPosting(em, unionId, { forWrite: true });
      const original = await this.reversible(em, unionId, id);
      const reversal = this.reversalOf(original, date);
      const { voucher } = await this.validate(em, unionId, reversal);
      const reversalId = uuidv7();
      const [posting] = await this.vouchers.insertPosted(em, [
        { unionId, id: reversalId, voucher, source: reversal.source ?? 'reversal', preparer: actor, poster: actor, onePerson: true },
      ]);
      if (!posting) throw new Error('reversal voucher was not posted');
      await this.linkReversal(em, unionId, id, reversalId, posting, actor, { preparer: actor.name, onePerson: true });
      return this.read(em, unionId, reversalId);
    });
  }

  /** The original, if it may still be reversed: posted, not a reversal itself, not reversed yet. */
  private async reversible(em: EntityManager, unionId: string, id: string) {
    const original = await this.vouchers.find(em, unionId, id);
    if (!original) throw notFound('凭证', { voucherId: id });
    if (original.status !== 'posted') {
      throw new LedgerError('VOUCHER_NOT_POSTED', '只有已过账的凭证才能红字冲销；草稿可直接修改或删除');
    }
    if (original.reversedBy) {
      throw new LedgerError('VOUCHER_ALREADY_REVERSED', '该凭证已被冲销，不能重复冲销', { reversalId: original.reversedBy.id });
    }
    if (original.reversalOf) throw new LedgerError('VOUCHER_IS_REVERSAL', '红字冲销凭证本身不能再冲销');
    // refused as the draft is made, not only when someone posts it (the database refuses the posting too)
    if (await this.vouchers.carriesStandingAssetCard(em, unionId, id)) throw assetCardStands();
    return original;
  }

  private reversalOf(original: StoredVoucher, date: string | undefined): NewVoucher {
    const displayNumber = formatVoucherNumber(original.type, original.period, original.number!);
    return buildReversal({ ...original, displayNumber, lines: fromStoredLines(original.lines) }, date ?? this.clock.today());
  }

  /** Records the pair (one reversal per original: its primary key) and the reversal on the original's record. */
  private async linkReversal(em: EntityManager, unionId: string, originalId: string, reversalId: string, posting: Posting, actor: Actor, who: { preparer: string; onePerson: boolean }) {
    await this.vouchers.linkReversal(em, unionId, originalId, reversalId);
    await this.audit.record(em, actor, [
      {
        unionId,
        action: 'voucher.reverse',
        entityType: 'voucher',
        entityId: originalId,
        after: { reversalId, number: posting.number, preparer: who.preparer, postedBy: actor.name, onePerson: who.onePerson },
      },
    ]);
  }

  /**
   * Undoes a voucher the system made (closing entries of a month being reopened) inside the caller's
   * transaction: its red copy, of the same source and date, linked like any reversal.
   */
  async reverseSystemVoucher(em: EntityManager, unionId: string, id: string, actor: Actor): Promise<string> {
    const original = await this.reversible(em, unionId, id);
    return this.postSystemReversal(em, unionId, original, redCopy(viewOf(original), original.date), actor);
  }

  private async postSystemReversal(em: EntityManager, unionId: string, original: StoredVoucher, reversal: VoucherInput, actor: Actor): Promise<string> {
    const { id: reversalId, voucher, posting } = await this.postInTransaction(em, unionId, reversal, {
      source: reversal.source ?? 'reversal',
      preparer: { id: null, name: '系统（结账）' },
      poster: actor,
    });
    await this.vouchers.linkReversal(em, unionId, original.id, reversalId);
    await this.audit.record(em, actor, [
      { unionId, action: 'voucher.reverse', entityType: 'voucher', entityId: original.id, after: { reversalId, number: posting.number, date: voucher.date } },
    ]);
    return reversalId;
  }

  /**
   * Posts a voucher the service itself builds (a reversal, a claim's payment) inside the caller's
   * transaction, validated against the books like any other. Returns its id and number.
   */
  async postInTransaction(
    em: EntityManager,
    unionId: string,
    input: NewVoucher,
    who: { source: VoucherSource; preparer: Person; poster: Actor } & Partial<Pick<NewPosted, 'reviewer' | 'cashier' | 'preparedAt'>>,
  ): Promise<{ id: string; voucher: ValidVoucher; posting: Posting }> {
    const id = uuidv7();
    const { voucher } = await this.validate(em, unionId, { ...input, source: who.source });
    const [posting] = await this.vouchers.insertPosted(em, [{ unionId, id, voucher, ...who }]);
    if (!posting) throw new Error(`${who.source} voucher was not posted`);
    return { id, voucher, posting };
  }

  async get(unionId: string, id: string): Promise<VoucherResponse> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.read(this.db.manager, unionId, id);
  }

  async list(unionId: string, filter: VoucherFilter): Promise<Page<VoucherSummaryResponse>> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    const page = await this.vouchers.list(this.db.manager, unionId, filter);
    return { ...page, items: page.items.map(presentListItem) };
  }

  private async saveDraft(em: EntityManager, unionId: string, input: NewVoucher, actor: Actor): Promise<VoucherResponse> {
    const { voucher, ctx } = await this.validate(em, unionId, input);
    const id = uuidv7();
    const source = input.source ?? 'manual';
    const { createdAt } = await this.batcher.saveDraft({ unionId, id, voucher, source, preparer: actor });
    return presentVoucher(
      storedFromValid(id, voucher, ctx.accounts, { source, preparer: actor.name, preparerId: actor.id, createdAt, posting: null, postedBy: null }),
    );
  }

  /** The voucher checked against the books as they are now (type inferred when omitted). */
  async validate(em: EntityManager, unionId: string, input: NewVoucher): Promise<{ voucher: ValidVoucher; ctx: UnionVoucherContext }> {
    const ctx = await this.contexts.load(em, unionId, wanted(input.date, input.lines));
    const voucher = validateVoucher({ ...input, type: input.type ?? inferVoucherType(ctx.numbering, input.lines) }, ctx);
    return { voucher, ctx };
  }

  private async lockDraft(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader> {
    const draft = await this.vouchers.lockDraft(em, unionId, id);
    if (draft) return draft;
    throw await this.notDraft(em, unionId, id);
  }

  private async notDraft(em: EntityManager, unionId: string, id: string): Promise<Error> {
    return (await this.vouchers.isPosted(em, unionId, id)) ? notDraft() : notFound('凭证', { voucherId: id });
  }

  private async read(em: EntityManager, unionId: string, id: string): Promise<VoucherResponse> {
    const stored = await this.vouchers.find(em, unionId, id);
    if (!stored) throw notFound('凭证', { voucherId: id });
    return presentVoucher(stored);
  }
}

/**
 * Drafts the workflow owns are not changed by hand: a claim's payment voucher moves with its claim (复核,
 * 付款, 记账 on the claim), a reversal draft is the exact red copy (delete it and reverse again instead).
 */
function refuseManualChange(draft: VoucherHeader, what: 'edit' | 'delete' | 'post'): void {
  if (draft.source === 'claim') {
    throw new LedgerError('VOUCHER_OWNED_BY_CLAIM', '该凭证由报销单生成，请在报销单中复核、付款和记账，不能直接修改、删除或过账');
  }
  if (draft.reversalOfId && what === 'edit') {
    throw new LedgerError('VOUCHER_IS_REVERSAL', '冲销凭证草稿不能修改；如日期有误，请删除后重新冲销');
  }
}

function linkOf(v: StoredVoucher): StoredVoucher['reversalOf'] {
  return { id: v.id, type: v.type, period: v.period, number: v.number! };
}

function notDraft(): LedgerError {
  return new LedgerError('VOUCHER_NOT_DRAFT', '凭证已过账，不能修改、删除或重复过账；如有错误请红字冲销');
}

function refuseDocumentDraft(draft: VoucherHeader): void {
  if (DOCUMENT_SOURCES.includes(draft.source)) {
    throw new LedgerError('VOUCHER_FROM_DOCUMENT', '该凭证由收款单等原始单据生成，请在原单据上作废或重新登记，不能直接修改或删除');
  }
}

export function selfReview(): AuthError {
  return new AuthError('SOD_SELF_REVIEW', '制单人不能审核过账自己编制的凭证（审核与制单须由不同人员担任）');
}

function draftAudit(d: { date: string; type: string; red: boolean; attachmentCount: number; total?: { toFixed(n: number): string } }) {
  return { date: d.date, type: d.type, red: d.red, attachmentCount: d.attachmentCount, ...(d.total ? { total: d.total.toFixed(2) } : {}) };
}

function viewOf(v: StoredVoucher): PostedVoucherView {
  return { ...v, displayNumber: formatVoucherNumber(v.type, v.period, v.number!), lines: fromStoredLines(v.lines) };
}

function wanted(date: string, lines: VoucherLineInput[]) {
  return {
    period: periodOfDate(date),
    accountCodes: [...new Set(lines.map((l) => l.accountCode))],
    projectCodes: [...new Set(lines.flatMap((l) => (l.projectCode ? [l.projectCode] : [])))],
  };
}
