import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { UnionResponse } from '../../unions/dto/union.dto';
import { presentUnion } from '../../unions/unions.presenter';
import { WithdrawUnionDto } from './dto/withdraw.dto';
import { WithdrawalService } from './withdrawal.service';

@ApiTags('unions')
@Controller('api/unions/:unionId')
export class WithdrawalController {
  constructor(private readonly service: WithdrawalService) {}

  @Post('withdraw')
  @HttpCode(200)
  @Permission('unions:withdraw')
  @ApiOperation({
    summary: '退出集中核算',
    description: '无未办结报销、预留和凭证草稿时，各份额余额一笔划入工会自有账户（付款凭证），工会转为已退出，账簿在数据库中只读（可查阅、导出）。',
  })
  @ApiOkResponse({ type: UnionResponse })
  @ApiExamples(WithdrawUnionDto, {
    余额划入自有账户: {
      reason: '工会自行开户，终止委托代管协议',
      date: '2026-06-30',
      ownAccount: { bankName: '中国建设银行某某支行', accountName: '某某有限公司工会委员会', accountNo: '33050161234500001234' },
      bankReference: 'HZ20260630001',
    },
    无余额: { reason: '单位注销' },
  })
  @ApiErrors('WITHDRAWAL_BLOCKED', 'WITHDRAWAL_ACCOUNT_REQUIRED', 'UNION_STATUS_TRANSITION', 'PERIOD_CLOSED', 'PERIOD_BEFORE_START')
  async withdrawUnion(@Param('unionId', UuidParam) unionId: string, @Body() dto: WithdrawUnionDto, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.withdraw(unionId, dto, actor));
  }
}
