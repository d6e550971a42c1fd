import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { OpeningBalancesResponse, SetOpeningBalancesDto } from './dto/opening-balances.dto';
import { OpeningBalancesService } from './opening-balances.service';

@ApiTags('opening-balances')
@Controller('api/unions/:unionId/opening-balances')
export class OpeningBalancesController {
  constructor(private readonly service: OpeningBalancesService) {}

  @Get()
  @ApiOperation({ summary: '期初余额', description: '本工会启用期间的期初余额、借贷合计，以及是否已锁定。' })
  @ApiOkResponse({ type: OpeningBalancesResponse })
  @Permission('books:read')
  getOpeningBalances(@Param('unionId', UuidParam) unionId: string): Promise<OpeningBalancesResponse> {
    return this.service.get(unionId);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: '录入期初余额',
    description: '整体替换启用期间的期初余额：末级在用科目，金额为正，借贷合计相等。首张凭证过账或启用期间结账后锁定。',
  })
  @ApiOkResponse({ type: OpeningBalancesResponse, description: '录入后的期初余额' })
  @ApiExamples(SetOpeningBalancesDto, {
    银行存款与结余: { lines: [{ account: '10201', debit: '50000.00' }, { account: '32205', credit: '50000.00' }] },
  })
  @ApiErrors('AMOUNT_INVALID', 'AMOUNT_OUT_OF_RANGE', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_LEAF', 'ACCOUNT_INACTIVE', 'AMOUNT_SIGN_INVALID', 'OPENING_BALANCE_DUPLICATE', 'OPENING_BALANCES_UNBALANCED', 'OPENING_BALANCES_LOCKED', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  @Permission('opening:manage')
  setOpeningBalances(@Param('unionId', UuidParam) unionId: string, @Body() dto: SetOpeningBalancesDto, @CurrentActor() actor: Actor): Promise<OpeningBalancesResponse> {
    return this.service.set(unionId, dto, actor);
  }
}
