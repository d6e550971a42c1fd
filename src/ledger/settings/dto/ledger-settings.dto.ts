import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';

export class LedgerSettingsDto {
  @ApiProperty({ title: '一人冲销', example: false, description: '是否允许一人冲销（同一人生成并过账红字冲销凭证，凭证上注明）；默认不允许' })
  @IsBoolean()
  onePersonReversal: boolean;

  @ApiProperty({ title: '一般设备固定资产起点', example: '1000.00', description: '一般设备单位价值达到此金额（含）的作为固定资产入账（工会会计制度 第三十二条：1,000 元）' })
  @IsAmount({ allowNegative: false })
  generalEquipmentThreshold: string;

  @ApiProperty({ title: '专用设备固定资产起点', example: '1500.00', description: '专用设备单位价值达到此金额（含）的作为固定资产入账（第三十二条：1,500 元）' })
  @IsAmount({ allowNegative: false })
  specialEquipmentThreshold: string;

  @ApiPropertyOptional({ title: '会计主管', example: '王会计主管', description: '会计主管（打印在记账凭证上）；不填则留空' })
  @IsOptional() @IsString() @Length(1, 50)
  chiefAccountant?: string;
}

export class LedgerSettingsResponse {
  @ApiProperty() centerId: string;
  @ApiProperty() onePersonReversal: boolean;
  @ApiProperty({ example: '1000.00' }) generalEquipmentThreshold: string;
  @ApiProperty({ example: '1500.00' }) specialEquipmentThreshold: string;
  @ApiProperty({ nullable: true, type: String }) chiefAccountant: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}
