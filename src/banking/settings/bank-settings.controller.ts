import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import Decimal from 'decimal.js';
import { AuditService } from '../../audit/audit.service';
import { CommonError } from '../../common/errors/common.errors';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { ApiExamples } from '../../common/openapi/api-docs.decorators';
import { Database } from '../../database/database.service';
import { BankSettings, BankSettingsRepository } from './bank-settings.repository';

export class BankSettingsDto {
  @ApiProperty({ title: '会费比例', example: '0.005', description: '0.005 = 0.5%，按中心所在地规定设置' })
  @Matches(/^0\.(?=\d*[1-9])\d{1,6}$/, { message: '应为 0 到 1 之间（不含 0）、最多 6 位小数的字符串，例如 "0.005"' })
  duesRatio: string;

  @ApiProperty({ title: '工资基数取整单位', example: '10.00', description: '不足此数的尾数不计（“10 元以下不计”）' })
  @IsAmount({ allowNegative: false })
  duesBaseUnit: string;

  @ApiProperty({ title: '会费计至', enum: ['fen', 'jiao', 'yuan'], description: '分、角或元' })
  @IsIn(['fen', 'jiao', 'yuan'])
  duesRoundTo: 'fen' | 'jiao' | 'yuan';

  @ApiProperty({ title: '会费舍入方式', enum: ['half_up', 'down'], description: '四舍五入或舍去' })
  @IsIn(['half_up', 'down'])
  duesRounding: 'half_up' | 'down';

  @ApiProperty({ title: '经费返还记入科目', enum: ['402', '40301'], description: '402 拨缴经费收入，或 40301 上级补助收入—一般性转移支付补助' })
  @IsIn(['402', '40301'])
  allocationAccount: '402' | '40301';

  @ApiProperty({ title: '对账日期容差（天）', example: 3, description: '自动对账时金额相同的银行流水与账面记录的日期相差不超过几天' })
  @IsInt() @Min(0) @Max(31)
  matchWindowDays: number;
}

/** 中心银行与收款设置: the dues rule (brief §5, unconfirmed: the center's), returned funds' account, the matching window. */
@ApiTags('banking')
@Controller('api/centers/:centerId/bank-settings')
export class BankSettingsController {
  constructor(
    private readonly db: Database,
    private readonly settings: BankSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Permission('bank:read')
  @ApiOperation({ summary: '中心银行与收款设置', description: '会费计算规则、经费返还记入科目、自动对账日期容差；未保存过时为默认值。' })
  @ApiOkResponse({ type: BankSettingsDto })
  async getBankSettings(@Param('centerId', UuidParam) centerId: string): Promise<BankSettingsDto> {
    return present(await this.settings.of(this.db.manager, centerId));
  }

  @Put()
  @Permission('bank:manage')
  @ApiOperation({ summary: '保存中心银行与收款设置', description: '整体保存（中心主任）；此后导入的会费名册按新规则计算，已导入的名册保留其当时的规则。' })
  @ApiOkResponse({ type: BankSettingsDto })
  @ApiExamples(BankSettingsDto, {
    默认: { duesRatio: '0.005', duesBaseUnit: '10.00', duesRoundTo: 'fen', duesRounding: 'half_up', allocationAccount: '402', matchWindowDays: 3 },
  })
  saveBankSettings(@Param('centerId', UuidParam) centerId: string, @Body() dto: BankSettingsDto, @CurrentActor() actor: Actor): Promise<BankSettingsDto> {
    const unit = new Decimal(dto.duesBaseUnit);
    if (unit.isZero()) throw new CommonError('VALIDATION_FAILED', '工资基数取整单位须大于零（例如 10.00；不取整填 0.01）');
    return this.db.transaction(async (em) => {
      const before = present(await this.settings.of(em, centerId));
      const next: BankSettings = {
        centerId,
        dues: { ratio: new Decimal(dto.duesRatio), baseUnit: unit, roundTo: dto.duesRoundTo, rounding: dto.duesRounding },
        allocationAccount: dto.allocationAccount,
        matchWindowDays: dto.matchWindowDays,
        updatedAt: null,
      };
      await this.settings.save(em, next, actor.id);
      await this.audit.record(em, actor, [{ unionId: null, action: 'bank-settings.update', entityType: 'center', entityId: centerId, before, after: dto }]);
      return present(await this.settings.of(em, centerId));
    });
  }
}

function present(s: BankSettings): BankSettingsDto {
  return {
    duesRatio: s.dues.ratio.toString(),
    duesBaseUnit: s.dues.baseUnit.toFixed(2),
    duesRoundTo: s.dues.roundTo,
    duesRounding: s.dues.rounding,
    allocationAccount: s.allocationAccount,
    matchWindowDays: s.matchWindowDays,
  };
}
