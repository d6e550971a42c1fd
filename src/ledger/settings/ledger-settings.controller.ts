import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiExamples } from '../../common/openapi/api-docs.decorators';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { LedgerSettingsDto, LedgerSettingsResponse } from './dto/ledger-settings.dto';
import { LedgerSettingsService } from './ledger-settings.service';

/** 中心核算设置: what a center decides about its books (one-person reversal, fixed-asset thresholds, 会计主管). */
@ApiTags('centers')
@Controller('api/centers/:centerId/ledger-settings')
export class LedgerSettingsController {
  constructor(private readonly service: LedgerSettingsService) {}

  @Get()
  @Permission('books:read')
  @ApiOperation({ summary: '中心核算设置', description: '一人冲销是否允许、固定资产起点（一般设备、专用设备）和会计主管；未设置时为默认值。' })
  @ApiOkResponse({ type: LedgerSettingsResponse, description: '本中心核算设置（未设置时为默认值）' })
  getLedgerSettings(@Param('centerId', UuidParam) centerId: string): Promise<LedgerSettingsResponse> {
    return this.service.get(centerId);
  }

  @Put()
  @Permission('ledger:configure')
  @ApiOperation({
    summary: '保存中心核算设置',
    description: '中心主任设置：是否允许一人冲销（默认不允许）；一般设备和专用设备作为固定资产入账的单价起点（工会会计制度 第三十二条：1,000 / 1,500 元）；会计主管。',
  })
  @ApiOkResponse({ type: LedgerSettingsResponse, description: '保存后的设置' })
  @ApiExamples(LedgerSettingsDto, {
    第三十二条默认: { onePersonReversal: false, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00', chiefAccountant: '李会计主管' },
    允许一人冲销: { onePersonReversal: true, generalEquipmentThreshold: '1000.00', specialEquipmentThreshold: '1500.00' },
  })
  saveLedgerSettings(@Param('centerId', UuidParam) centerId: string, @Body() dto: LedgerSettingsDto, @CurrentActor() actor: Actor): Promise<LedgerSettingsResponse> {
    return this.service.save(centerId, dto, actor);
  }
}
