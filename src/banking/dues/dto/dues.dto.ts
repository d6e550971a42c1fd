import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPeriod } from '../../../common/validation/formats.decorator';

export class DuesPeriodQuery {
  @ApiPropertyOptional({ title: '会费月份', example: '2026-03' }) @IsOptional() @IsPeriod()
  period?: string;
}

export class CenterDuesQuery {
  @ApiProperty({ title: '会费月份', example: '2026-03' }) @IsPeriod()
  period: string;
}

export class DuesRuleResponse {
  @ApiProperty({ example: '0.005' }) ratio: string;
  @ApiProperty({ example: '10.00' }) baseUnit: string;
  @ApiProperty({ enum: ['fen', 'jiao', 'yuan'] }) roundTo: string;
  @ApiProperty({ enum: ['half_up', 'down'] }) rounding: string;
}

export class DuesRollResponse {
  @ApiProperty() id: string;
  @ApiProperty() unionId: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ description: '会员人数' }) members: number;
  @ApiProperty({ example: '360.00', description: '会费合计（应收）' }) total: string;
  @ApiProperty({ example: '360.00', description: '该月已登记的会费收款（未作废，不论引用哪份名册）' }) received: string;
  @ApiProperty({ example: '0.00', description: '应收 − 已收' }) difference: string;
  @ApiProperty({ type: DuesRuleResponse, description: '计算所用的中心规则' }) rule: DuesRuleResponse;
  @ApiProperty({ nullable: true, type: String, description: '导入文件的 SHA-256' }) fileSha256: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class DuesRollLineResponse {
  @ApiProperty() lineNo: number;
  @ApiProperty({ nullable: true, type: String }) memberNo: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ example: '6789.99', description: '工资' }) wage: string;
  @ApiProperty({ example: '6780.00', description: '计费基数' }) base: string;
  @ApiProperty({ example: '33.90', description: '会费' }) dues: string;
}

export class DuesRollDetailResponse extends DuesRollResponse {
  @ApiProperty({ type: [DuesRollLineResponse] }) lines: DuesRollLineResponse[];
}

export class CenterDuesRowResponse {
  @ApiProperty() unionId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: '该月最新的会费名册' }) rollId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '名册人数，或收款登记的人数' }) members: number | null;
  @ApiProperty({ nullable: true, type: String, description: '名册应收会费' }) due: string | null;
  @ApiProperty({ example: '360.00', description: '已登记的该月会费收款（未作废）' }) received: string;
  @ApiProperty({ nullable: true, type: String, description: '应收 − 已收' }) difference: string | null;
}
