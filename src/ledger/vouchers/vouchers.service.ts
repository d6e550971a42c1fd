import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { periodOfDate } from '../../common/period';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { buildReversal } from '../domain/reversal.rules';
import { inferVoucherType, validateVoucher, ValidVoucher, VoucherContext, VoucherInput, VoucherLineInput } from '../domain/voucher.rules';
import { formatVoucherNumber } from '../domain/voucher-type';
import { LedgerClock } from '../ledger.clock';
import { LedgerError } from '../ledger.errors';
import { CreateVoucherDto, UpdateVoucherDto } from './dto/voucher.dto';
import { VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { fromStoredLines, presentListItem, presentVoucher, storedFromValid, toLineInputs } from './voucher.mapper';
import { VoucherSource } from './voucher.entity';
import { PostingBatcher } from './posting-batcher';
import { VoucherContextLoader } from './voucher-context.loader';
import { VoucherFilter, VoucherHeader, VouchersRepository } from './vouchers.repository';

type NewVoucher = Omit<VoucherInput, 'type'> & { type?: VoucherInput['type'] };

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
    private readonly batcher: PostingBatcher,
    private readonly contexts: VoucherContextLoader,
  ) {}

  /**
   * Saves a draft, or with `post` posts the voucher straight away. Either way the one write is a single
   * statement (header with its lines), so no explicit transaction: the rules read the books first, and what
   * could change meanwhile (period closed, account deactivated) the database checks again at commit.
   */
  create(unionId: string, dto: CreateVoucherDto, actor: Actor): Promise<VoucherResponse> {
    const lines = toLineInputs(dto.lines);
    const input = { date: dto.date, type: dto.type, red: dto.red ?? false, attachmentCount: dto.attachmentCount ?? 0, lines };
    return this.db.singleStatement((em) =>
      dto.post ? this.postNew(em, unionId, uuidv7(), input, { source: 'manual', actor }) : this.saveDraft(em, unionId, input, actor),
    );
  }

  update(unionId: string, id: string, dto: UpdateVoucherDto): Promise<VoucherResponse> {
    const newLines = dto.lines && toLineInputs(dto.lines);
    return this.db.transaction(async (em) => {
      const draft = await this.lockDraft(em, unionId, id);
      const lines = newLines ?? fromStoredLines(await this.vouchers.draftLines(em, unionId, id));
      const { voucher } = await this.validate(em, unionId, {
        date: dto.date ?? draft.date,
        type: dto.type ?? draft.type,
        red: dto.red ?? draft.red,
        attachmentCount: dto.attachmentCount ?? draft.attachmentCount,
        lines,
      });
      await this.vouchers.replaceDraft(em, unionId, id, voucher);
      return this.read(em, unionId, id);
    });
  }

  remove(unionId: string, id: string): Promise<void> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      await this.lockDraft(em, unionId, id);
      await this.vouchers.deleteDraft(em, unionId, id);
    });
  }

  /** Posts a draft under its own id; the draft is gone afterwards. */
  post(unionId: string, id: string, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      const draft = await this.lockDraft(em, unionId, id);
      const lines = fromStoredLines(await this.vouchers.draftLines(em, unionId, id));
      const response = await this.postNew(em, unionId, id, { ...draft, lines }, {
        source: draft.source,
        actor,
        preparer: draft.preparer,
        preparedAt: draft.createdAt,
      });
      await this.vouchers.deleteDraft(em, unionId, id);
      return response;
    });
  }

  /** 红字冲销: posts the red-ink copy and links the pair; a voucher is reversed at most once. */
  reverse(unionId: string, id: string, date: string | undefined, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      // the posting lock first: a concurrent reversal of the same voucher waits here, then sees ours
      await this.books.lockPosting(em, unionId, { forWrite: true });
      const original = await this.vouchers.find(em, unionId, id);
      if (!original) throw notFound('凭证', { voucherId: id });
      if (original.status !== 'posted') {
        throw new LedgerError('VOUCHER_NOT_POSTED', '只有已过账的凭证才能红字冲销；草稿可直接修改或删除');
      }
      if (original.reversedBy) {
        throw new LedgerError('VOUCHER_ALREADY_REVERSED', '该凭证已被冲销，不能重复冲销', { reversalId: original.reversedBy.id });
      }
      if (original.reversalOf) throw new LedgerError('VOUCHER_IS_REVERSAL', '红字冲销凭证本身不能再冲销');
      const reversal = buildReversal(
        { ...original, displayNumber: formatVoucherNumber(original.type, original.period, original.number!), lines: fromStoredLines(original.lines) },
        date ?? this.clock.today(),
      );
      const reversalId = uuidv7();
      await this.postNew(em, unionId, reversalId, reversal, { source: 'reversal', actor });
      await this.vouchers.linkReversal(em, unionId, id, reversalId);
      return this.read(em, unionId, reversalId);
    });
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
    const { createdAt } = await this.vouchers.insertDraft(em, unionId, id, voucher, { source: 'manual', preparer: actor.name });
    return presentVoucher(storedFromValid(id, voucher, ctx.accounts, { source: 'manual', preparer: actor.name, createdAt, posting: null, postedBy: null }));
  }

  private async postNew(
    em: EntityManager,
    unionId: string,
    id: string,
    input: NewVoucher,
    opts: { source: VoucherSource; actor: Actor; preparer?: string; preparedAt?: Date },
  ): Promise<VoucherResponse> {
    const { voucher, ctx } = await this.validate(em, unionId, input);
    const preparer = opts.preparer ?? opts.actor.name;
    const row = { unionId, id, voucher, source: opts.source, preparer, postedBy: opts.actor.name, preparedAt: opts.preparedAt };
    // inside a caller's transaction the posting belongs to it; otherwise it joins the next group commit
    const posting = em.queryRunner?.isTransactionActive
      ? (await this.vouchers.insertPosted(em, [row]))[0]
      : await this.batcher.post(row);
    return presentVoucher(
      storedFromValid(id, voucher, ctx.accounts, { source: opts.source, preparer, createdAt: opts.preparedAt ?? posting.postedAt, posting, postedBy: opts.actor.name }),
    );
  }

  private async validate(em: EntityManager, unionId: string, input: NewVoucher): Promise<{ voucher: ValidVoucher; ctx: VoucherContext }> {
    const ctx = await this.contexts.load(em, unionId, wanted(input.date, input.lines));
    const voucher = validateVoucher({ ...input, type: input.type ?? inferVoucherType(ctx.numbering, input.lines) }, ctx);
    return { voucher, ctx };
  }

  private async lockDraft(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader> {
    const draft = await this.vouchers.lockDraft(em, unionId, id);
    if (draft) return draft;
    if (await this.vouchers.isPosted(em, unionId, id)) {
      throw new LedgerError('VOUCHER_NOT_DRAFT', '凭证已过账，不能修改、删除或重复过账；如有错误请红字冲销');
    }
    throw notFound('凭证', { voucherId: id });
  }

  private async read(em: EntityManager, unionId: string, id: string): Promise<VoucherResponse> {
    const stored = await this.vouchers.find(em, unionId, id);
    if (!stored) throw notFound('凭证', { voucherId: id });
    return presentVoucher(stored);
  }
}

function wanted(date: string, lines: VoucherLineInput[]) {
  return {
    period: periodOfDate(date),
    accountCodes: [...new Set(lines.map((l) => l.accountCode))],
    projectCodes: [...new Set(lines.flatMap((l) => (l.projectCode ? [l.projectCode] : [])))],
  };
}
