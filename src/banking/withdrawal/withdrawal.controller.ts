import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({
    type: UnionResponse,
    description: '退出集中核算：无未办结报销、预留和凭证草稿时，份额余额划入工会自有账户（付款凭证），工会转为已退出，账簿只读',
  })
  async withdraw(@Param('unionId', UuidParam) unionId: string, @Body() dto: WithdrawUnionDto, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.withdraw(unionId, dto, actor));
  }
}
