import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: TrialBalanceResponse, description: '科目余额表' })
  @Permission('books:read')
  trialBalance(@Param('unionId', UuidParam) unionId: string, @Query() q: TrialBalanceQuery): Promise<TrialBalanceResponse> {
    return this.service.trialBalance(unionId, q.from, q.to, q.includeZero === 'true');
  }

  @Get('ledger')
  @ApiOkResponse({ type: LedgerResponse, description: '明细账' })
  @Permission('books:read')
  ledger(@Param('unionId', UuidParam) unionId: string, @Query() q: LedgerQuery): Promise<LedgerResponse> {
    return this.service.ledger(unionId, q.account, q.from, q.to, q.page, q.pageSize);
  }

  @Get('funds')
  @ApiOkResponse({ type: FundsResponse, description: '可用资金：集中核算户余额减去已批准未支付的预留' })
  @Permission('balances:read')
  funds(@Param('unionId', UuidParam) unionId: string): Promise<FundsResponse> {
    return this.service.funds(unionId);
  }

  @Get('accounts/:code/balance')
  @ApiOkResponse({ type: AccountBalanceResponse, description: '科目截至某日的余额' })
  @Permission('balances:read')
  balance(
    @Param('unionId', UuidParam) unionId: string,
    @Param('code', AccountCodeParam) code: string,
    @Query() q: BalanceQuery,
  ): Promise<AccountBalanceResponse> {
    return this.service.balanceAsOf(unionId, code, q.date);
  }
}
