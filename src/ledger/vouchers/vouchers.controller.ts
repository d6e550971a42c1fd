import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { Permission } from '../../auth/permission.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { parsePeriod } from '../../common/period';
import { VOUCHER_TYPE_LABEL, VoucherType } from '../domain/voucher-type';
import { LedgerError } from '../ledger.errors';
import { ListVouchersQuery } from './dto/list-vouchers.query';
import { CreateVoucherDto, ReverseVoucherDto, UpdateVoucherDto } from './dto/voucher.dto';
import { VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { VoucherFilter } from './vouchers.repository';
import { VouchersService } from './vouchers.service';

@ApiTags('vouchers')
@Controller('api/unions/:unionId/vouchers')
export class VouchersController {
  constructor(private readonly service: VouchersService) {}

  @Post()
  @ApiCreatedResponse({ type: VoucherResponse, description: '保存草稿；post=true 时同时过账' })
  @Permission('vouchers:prepare')
  create(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateVoucherDto, @CurrentActor() actor: Actor): Promise<VoucherResponse> {
    return this.service.create(unionId, dto, actor);
  }

  @Get()
  @Permission('books:read')
  list(@Param('unionId', UuidParam) unionId: string, @Query() query: ListVouchersQuery): Promise<Page<VoucherSummaryResponse>> {
    return this.service.list(unionId, toFilter(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: VoucherResponse })
  @Permission('books:read')
  get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<VoucherResponse> {
    return this.service.get(unionId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: VoucherResponse, description: '只能修改草稿' })
  @Permission('vouchers:prepare')
  update(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateVoucherDto,
    @CurrentActor() actor: Actor,
  ): Promise<VoucherResponse> {
    return this.service.update(unionId, id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '只能删除草稿' })
  @Permission('vouchers:prepare')
  remove(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(unionId, id, actor);
  }

  @Post(':id/post')
  @HttpCode(200)
  @ApiOkResponse({ type: VoucherResponse, description: '过账：分配凭证号，更新余额，此后不可修改' })
  @Permission('vouchers:post')
  post(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<VoucherResponse> {
    return this.service.post(unionId, id, actor);
  }

  @Post(':id/reverse')
  @ApiCreatedResponse({ type: VoucherResponse, description: '红字冲销：生成冲销凭证草稿，由另一人审核过账；post=true 且中心允许一人冲销时当即过账' })
  @Permission('vouchers:reverse')
  reverse(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: ReverseVoucherDto,
    @CurrentActor() actor: Actor,
  ): Promise<VoucherResponse> {
    return this.service.reverse(unionId, id, dto, actor);
  }
}

const LABEL_TYPES = Object.fromEntries(Object.entries(VOUCHER_TYPE_LABEL).map(([t, l]) => [l, t])) as Record<string, VoucherType>;

function toFilter(q: ListVouchersQuery): VoucherFilter {
  const fromPeriod = q.period ?? q.from;
  const toPeriod = q.period ?? q.to;
  const filter: VoucherFilter = {
    fromPeriod: fromPeriod ? parsePeriod(fromPeriod) : undefined,
    toPeriod: toPeriod ? parsePeriod(toPeriod) : undefined,
    status: q.status,
    type: q.type,
    accountCode: q.account,
    text: q.text,
    page: q.page,
    pageSize: q.pageSize,
  };
  if (filter.fromPeriod !== undefined && filter.toPeriod !== undefined && filter.fromPeriod > filter.toPeriod) {
    throw new LedgerError('PERIOD_RANGE_INVALID', '起始期间不能晚于结束期间');
  }
  if (q.number) {
    const full = /^([记收付转])-(\d{6})-(\d+)$/.exec(q.number);
    if (full) {
      filter.type = LABEL_TYPES[full[1]];
      filter.fromPeriod = filter.toPeriod = Number(full[2]);
      filter.number = Number(full[3]);
    } else {
      filter.number = Number(q.number);
    }
  }
  return filter;
}
