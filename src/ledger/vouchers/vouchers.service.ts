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
import { inferVoucherType, validateVoucher, ValidVoucher, VoucherInput, VoucherLineInput } from '../domain/voucher.rules';
import { formatVoucherNumber } from '../domain/voucher-type';
import { LedgerClock } from '../ledger.clock';
import { LedgerError } from '../ledger.errors';
import { CreateVoucherDto, UpdateVoucherDto } from './dto/voucher.dto';
import { VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { fromStoredLines, presentListItem, presentVoucher, storedFromValid, toLineInputs } from './voucher.mapper';
import { VoucherSource } from './voucher.entity';
import { VoucherFilter, VoucherHeader, VouchersRepository } from './vouchers.repository';

@Injectable()
export class VouchersService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly vouchers: VouchersRepository,
    private readonly clock: LedgerClock,
  ) {}

  /** Saves a draft, or with `post` saves and posts it in the same transaction. */
  create(unionId: string, dto: CreateVoucherDto, actor: Actor): Promise<VoucherResponse> {
    const lines = toLineInputs(dto.lines);
    return this.db.transaction(async (em) => {
      const input = { date: dto.date, type: dto.type, red: dto.red ?? false, attachmentCount: dto.attachmentCount ?? 0, lines };
      return this.write(em, unionId, input, { source: 'manual', actor, post: dto.post ?? false });
    });
  }

  update(unionId: string, id: string, dto: UpdateVoucherDto): Promise<VoucherResponse> {
    const newLines = dto.lines && toLineInputs(dto.lines);
    return this.db.transaction(async (em) => {
      const header = await this.lockDraft(em, unionId, id);
      const lines = newLines ?? fromStoredLines(await this.vouchers.lines(em, unionId, id));
      const voucher = await this.validate(em, unionId, {
        date: dto.date ?? header.date,
        type: dto.type ?? header.type,
        red: dto.red ?? header.red,
        attachmentCount: dto.attachmentCount ?? header.attachmentCount,
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

  /** Posting re-validates the draft against the books as they are now; the database numbers it. */
  post(unionId: string, id: string, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      const header = await this.lockDraft(em, unionId, id);
      const lines = fromStoredLines(await this.vouchers.lines(em, unionId, id));
      await this.validate(em, unionId, { ...header, lines });
      await this.vouchers.markPosted(em, unionId, id, actor.name);
      return this.read(em, unionId, id);
    });
  }

  /** 红字冲销: posts the red-ink copy and links the pair; a voucher is reversed at most once. */
  reverse(unionId: string, id: string, date: string | undefined, actor: Actor): Promise<VoucherResponse> {
    return this.db.transaction(async (em) => {
      const original = await this.vouchers.lockHeader(em, unionId, id);
      if (!original) throw notFound('凭证', { voucherId: id });
      if (original.status !== 'posted') {
        throw new LedgerError('VOUCHER_NOT_POSTED', '只有已过账的凭证才能红字冲销；草稿可直接修改或删除');
      }
      const stored = (await this.vouchers.find(em, unionId, id))!;
      if (stored.reversedBy) {
        throw new LedgerError('VOUCHER_ALREADY_REVERSED', '该凭证已被冲销，不能重复冲销', { reversalId: stored.reversedBy.id });
      }
      if (stored.reversalOf) throw new LedgerError('VOUCHER_IS_REVERSAL', '红字冲销凭证本身不能再冲销');
      const reversal = buildReversal(
        { ...original, displayNumber: formatVoucherNumber(original.type, original.period, original.number!), lines: fromStoredLines(stored.lines) },
        date ?? this.clock.today(),
      );
      const created = await this.write(em, unionId, reversal, { source: 'reversal', actor, post: true });
      await this.vouchers.linkReversal(em, unionId, id, created.id);
      return this.read(em, unionId, created.id);
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

  private async write(
    em: EntityManager,
    unionId: string,
    input: Omit<VoucherInput, 'type'> & { type?: VoucherInput['type'] },
    opts: { source: VoucherSource; actor: Actor; post: boolean },
  ): Promise<VoucherResponse> {
    const ctx = await this.books.voucherContext(em, unionId, wanted(input.date, input.lines));
    const voucher = validateVoucher({ ...input, type: input.type ?? inferVoucherType(ctx.numbering, input.lines) }, ctx);
    const id = uuidv7();
    const { createdAt } = await this.vouchers.insertDraft(em, unionId, id, voucher, { source: opts.source, preparer: opts.actor.name });
    const posting = opts.post ? await this.vouchers.markPosted(em, unionId, id, opts.actor.name) : null;
    return presentVoucher(
      storedFromValid(id, voucher, ctx.accounts, { source: opts.source, preparer: opts.actor.name, createdAt, posting, postedBy: opts.actor.name }),
    );
  }

  private async validate(em: EntityManager, unionId: string, input: VoucherInput): Promise<ValidVoucher> {
    const ctx = await this.books.voucherContext(em, unionId, wanted(input.date, input.lines));
    return validateVoucher(input, ctx);
  }

  private async lockDraft(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader> {
    const header = await this.vouchers.lockHeader(em, unionId, id);
    if (!header) throw notFound('凭证', { voucherId: id });
    if (header.status !== 'draft') {
      throw new LedgerError('VOUCHER_NOT_DRAFT', '凭证已过账，不能修改、删除或重复过账；如有错误请红字冲销');
    }
    return header;
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
