import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorCode } from '../../common/openapi/error-catalog';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../../common/openapi/api-docs.decorators';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { Permission } from '../../auth/permission.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { parsePeriod } from '../../common/period';
import { VOUCHER_TYPE_LABEL, VoucherType } from '../domain/voucher-type';
import { LedgerError } from '../ledger.errors';
import { ListVouchersQuery } from './dto/list-vouchers.query';
import { CREATE_VOUCHER_EXAMPLES, CreateVoucherDto, ReverseVoucherDto, UpdateVoucherDto } from './dto/voucher.dto';
import { VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { VoucherFilter } from './vouchers.repository';
import { VouchersService } from './vouchers.service';

/** What checking a voucher against the rules and the books can answer (validateVoucher, the mapper, the pipe). */
const VOUCHER_RULE_ERRORS: ApiErrorCode[] = [
  'AMOUNT_INVALID',
  'AMOUNT_OUT_OF_RANGE',
  'LINE_SIDE_INVALID',
  'VOUCHER_UNBALANCED',
  'VOUCHER_TOO_FEW_LINES',
  'AMOUNT_SIGN_INVALID',
  'VOUCHER_TYPE_NOT_ALLOWED',
  'VOUCHER_TYPE_MISMATCH',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_NOT_LEAF',
  'ACCOUNT_INACTIVE',
  'FUND_TYPE_NOT_APPLICABLE',
  'FUND_TYPE_INVALID',
  'PROJECT_REQUIRED',
  'PROJECT_NOT_FOUND',
  'PERIOD_CLOSED',
  'PERIOD_BEFORE_START',
  'UNION_WITHDRAWN',
  'UNION_SUSPENDED',
];

@ApiTags('vouchers')
@Controller('api/unions/:unionId/vouchers')
export class VouchersController {
  constructor(private readonly service: VouchersService) {}

  @Post()
  @ApiOperation({
    summary: '制单（保存凭证草稿）',
    description: '按会计制度逐条检查并一次报告全部问题；凭证类别可省略，由分录推断。过账须由另一人调用 POST …/vouchers/{id}/post（审核 ≠ 制单）。',
  })
  @ApiCreatedResponse({ type: VoucherResponse, description: '已保存的草稿' })
  @ApiExamples(CreateVoucherDto, CREATE_VOUCHER_EXAMPLES)
  @ApiErrors(...VOUCHER_RULE_ERRORS, 'SOD_SELF_REVIEW')
  @Permission('vouchers:prepare')
  createVoucher(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateVoucherDto, @CurrentActor() actor: Actor): Promise<VoucherResponse> {
    return this.service.create(unionId, dto, actor);
  }

  @Get()
  @ApiOperation({
    summary: '凭证列表',
    description: '按期间（period，或 from–to）、状态、类别、凭证号、科目（含下级）、摘要文字筛选；按日期、类别、编号排序，分页。',
  })
  @ApiPageResponse(VoucherSummaryResponse, '凭证摘要，分页')
  @ApiErrors('PERIOD_RANGE_INVALID')
  @Permission('books:read')
  listVouchers(@Param('unionId', UuidParam) unionId: string, @Query() query: ListVouchersQuery): Promise<Page<VoucherSummaryResponse>> {
    return this.service.list(unionId, toFilter(query));
  }

  @Get(':id')
  @ApiOperation({ summary: '凭证详情', description: '草稿或已过账凭证，含全部分录、合计、大写金额和冲销关系。' })
  @ApiOkResponse({ type: VoucherResponse })
  @Permission('books:read')
  getVoucher(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<VoucherResponse> {
    return this.service.get(unionId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: '修改凭证草稿',
    description: '只能修改草稿；提供 lines 时整体替换分录。修改人成为制单人，审核中的过账将以 VOUCHER_CHANGED 拒绝。',
  })
  @ApiOkResponse({ type: VoucherResponse, description: '修改后的草稿' })
  @ApiExamples(UpdateVoucherDto, { 改日期和附单据数: { date: '2026-03-16', attachmentCount: 3 } })
  @ApiErrors(...VOUCHER_RULE_ERRORS, 'VOUCHER_NOT_DRAFT', 'VOUCHER_IS_REVERSAL', 'VOUCHER_OWNED_BY_CLAIM', 'VOUCHER_FROM_DOCUMENT')
  @Permission('vouchers:prepare')
  updateVoucher(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateVoucherDto,
    @CurrentActor() actor: Actor,
  ): Promise<VoucherResponse> {
    return this.service.update(unionId, id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除凭证草稿', description: '只能删除草稿；已过账凭证只能红字冲销。' })
  @ApiNoContentResponse({ description: '已删除' })
  @ApiErrors('VOUCHER_NOT_DRAFT', 'VOUCHER_FROM_DOCUMENT', 'VOUCHER_OWNED_BY_CLAIM', 'UNION_WITHDRAWN', 'UNION_SUSPENDED', 'PERIOD_CLOSED')
  @Permission('vouchers:prepare')
  deleteVoucher(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(unionId, id, actor);
  }

  @Post(':id/post')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核过账',
    description:
      '按当前账簿重新检查后过账：分配连续的凭证号，更新余额，此后不可修改。审核人不能是制单人；支出不能使可用资金低于零。' +
      '冲销凭证草稿过账时原凭证须尚未被冲销；报销单生成的付款凭证须在报销单中复核、付款和记账。',
  })
  @ApiOkResponse({ type: VoucherResponse, description: '已过账的凭证（含凭证号）' })
  @ApiErrors(...VOUCHER_RULE_ERRORS, 'SOD_SELF_REVIEW', 'VOUCHER_NOT_DRAFT', 'VOUCHER_CHANGED', 'INSUFFICIENT_FUNDS', 'VOUCHER_ALREADY_REVERSED', 'VOUCHER_IS_REVERSAL', 'VOUCHER_OWNED_BY_CLAIM')
  @Permission('vouchers:post')
  postVoucher(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<VoucherResponse> {
    return this.service.post(unionId, id, actor);
  }

  @Post(':id/reverse')
  @ApiOperation({
    summary: '红字冲销',
    description:
      '生成冲销凭证草稿（金额为负的红字凭证，与原凭证关联），由另一人审核过账（审核 ≠ 制单）；同一凭证的多张冲销草稿中只有最先过账的一张生效。' +
      'post=true 时由本人当即过账（一人冲销），仅当中心核算设置允许，凭证上注明。每张凭证只能冲销一次，冲销凭证本身不能再冲销。',
  })
  @ApiCreatedResponse({ type: VoucherResponse, description: '冲销凭证草稿；一人冲销时为已过账的红字凭证' })
  @ApiExamples(ReverseVoucherDto, { 指定冲销日期: { date: '2026-04-02' }, 今天冲销: {}, 一人冲销: { date: '2026-04-02', post: true } })
  @ApiErrors(...VOUCHER_RULE_ERRORS, 'SOD_SELF_REVIEW', 'VOUCHER_NOT_POSTED', 'VOUCHER_ALREADY_REVERSED', 'VOUCHER_IS_REVERSAL', 'REVERSAL_DATE_INVALID', 'INSUFFICIENT_FUNDS')
  @Permission('vouchers:reverse')
  reverseVoucher(
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
