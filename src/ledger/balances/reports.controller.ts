import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-docs.decorators';
import { AccountCodeParam } from '../../common/http/account-code.pipe';
import { Permission } from '../../auth/permission.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { AccountBalanceResponse, BalanceQuery, FundsResponse, LedgerQuery, LedgerResponse, TrialBalanceQuery, TrialBalanceResponse } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('books')
@Controller('api/unions/:unionId')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  @Get('trial-balance')
  @ApiOperation({
    summary: '科目余额表',
    description: 'from–to 各科目的期初余额、本期借贷发生额和期末余额，上级科目汇总下级；默认不列全为零的科目（includeZero=true 时列出）。',
  })
  @ApiOkResponse({ type: TrialBalanceResponse, description: '科目余额表' })
  @ApiErrors('PERIOD_RANGE_INVALID')
  @Permission('books:read')
  getTrialBalance(@Param('unionId', UuidParam) unionId: string, @Query() q: TrialBalanceQuery): Promise<TrialBalanceResponse> {
    return this.service.trialBalance(unionId, q.from, q.to, q.includeZero === 'true');
  }

  @Get('ledger')
  @ApiOperation({
    summary: '明细账',
    description: '一个科目（上级科目含其全部下级）from–to 的逐笔记录、余额、本月合计与本年累计；记录分页。',
  })
  @ApiOkResponse({ type: LedgerResponse, description: '明细账' })
  @ApiErrors('PERIOD_RANGE_INVALID')
  @Permission('books:read')
  getLedger(@Param('unionId', UuidParam) unionId: string, @Query() q: LedgerQuery): Promise<LedgerResponse> {
    return this.service.ledger(unionId, q.account, q.from, q.to, q.page, q.pageSize);
  }

  @Get('funds')
  @ApiOperation({
    summary: '可用资金',
    description: '本工会在集中核算户（10201）中的已过账余额、已批准未支付的预留，以及两者之差即可用资金。',
  })
  @ApiOkResponse({ type: FundsResponse, description: '可用资金' })
  @Permission('balances:read')
  getFunds(@Param('unionId', UuidParam) unionId: string): Promise<FundsResponse> {
    return this.service.funds(unionId);
  }

  @Get('accounts/:code/balance')
  @ApiOperation({ summary: '科目余额（截至某日）', description: '一个科目（含下级）截至 date（含）的余额和方向。' })
  @ApiOkResponse({ type: AccountBalanceResponse, description: '科目截至某日的余额' })
  @Permission('balances:read')
  getAccountBalance(
    @Param('unionId', UuidParam) unionId: string,
    @Param('code', AccountCodeParam) code: string,
    @Query() q: BalanceQuery,
  ): Promise<AccountBalanceResponse> {
    return this.service.balanceAsOf(unionId, code, q.date);
  }
}
