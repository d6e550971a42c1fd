import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsPeriod } from '../../common/validation/formats.decorator';

export class StatementQuery {
  @ApiPropertyOptional({ title: '会计期间', example: '2026-03', description: '月报：会计期间（与 year 二选一）' })
  @IsOptional() @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ title: '会计年度', example: '2026', description: '年报：会计年度（与 period 二选一）' })
  @IsOptional() @Matches(/^(19|20|21)\d{2}$/, { message: '格式不正确：应为四位年份，如 2026' })
  year?: string;
}

export class ConsolidatedStatementQuery extends StatementQuery {
  @ApiPropertyOptional({ title: '工会', type: String, description: '只汇总这些工会（逗号分隔的工会 ID）；不填则为本中心全部工会' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s: string) => s.trim()).filter(Boolean) : value))
  @ArrayMaxSize(10000) @IsUUID('all', { each: true })
  unionIds?: string[];
}

export class SignersDto {
  @ApiPropertyOptional({ title: '单位负责人', example: '张三', description: '单位负责人（法定代表人）' })
  @IsOptional() @IsString() @Length(1, 50)
  legalRepresentative?: string;

  @ApiPropertyOptional({ title: '主管会计工作的负责人', example: '李四', description: '主管会计工作的负责人' })
  @IsOptional() @IsString() @Length(1, 50)
  accountingHead?: string;

  @ApiPropertyOptional({ title: '会计机构负责人', example: '王五', description: '会计机构负责人（会计主管人员）' })
  @IsOptional() @IsString() @Length(1, 50)
  accountingBodyHead?: string;
}

export class SignersResponse {
  @ApiProperty({ nullable: true, type: String, description: '单位负责人（法定代表人）' }) legalRepresentative: string | null;
  @ApiProperty({ nullable: true, type: String, description: '主管会计工作的负责人' }) accountingHead: string | null;
  @ApiProperty({ nullable: true, type: String, description: '会计机构负责人（会计主管人员）' }) accountingBodyHead: string | null;
}

export class StatementLineResponse {
  @ApiProperty({ description: '行次' }) no: number;
  @ApiProperty({ example: 'cash' }) key: string;
  @ApiProperty({ example: '货币资金' }) label: string;
  @ApiProperty({ enum: ['assets', 'liabilities', 'single'], description: '01表：资产（左）或负债和净资产（右）' }) side: string;
  @ApiProperty({ description: '缩进层级' }) indent: number;
  @ApiProperty({ description: '合计行' }) total: boolean;
  @ApiProperty({ type: [String], example: ['1000.00', '1200.00'], description: '与 columns 对应的两栏金额' }) values: string[];
}

export class StatementResponse {
  @ApiProperty({ example: '工会01表' }) code: string;
  @ApiProperty({ example: '资产负债表' }) title: string;
  @ApiProperty({ description: '编制单位' }) entity: string;
  @ApiPropertyOptional({ nullable: true, type: String }) unionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) unionCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-03', description: '月报的期间；年报为 null' }) period: string | null;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty() annual: boolean;
  @ApiProperty({ example: '元' }) unit: string;
  @ApiProperty({ type: [String], example: ['年初余额', '期末余额'] }) columns: string[];
  @ApiProperty({ type: [StatementLineResponse] }) lines: StatementLineResponse[];
  @ApiProperty({ nullable: true, type: Boolean, description: '01表：资产总计 = 负债与净资产总计（各栏）；02表为 null' }) balanced: boolean | null;
  @ApiProperty({ description: '该月（年报：12 月）已结账' }) closed: boolean;
  @ApiProperty({ description: '年度已结账，报表已冻结' }) frozen: boolean;
  @ApiProperty({ nullable: true, type: String }) frozenAt: string | null;
  @ApiProperty({ type: SignersResponse, description: '签章：单位负责人、主管会计工作负责人、会计机构负责人' }) signatures: SignersResponse;
}

export class UnionRef {
  @ApiProperty() unionId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ConsolidatedStatementResponse extends StatementResponse {
  @ApiProperty({ description: '汇总的工会数' }) unions: number;
  @ApiProperty({ type: [UnionRef], description: '该月（年报：12 月）尚未结账的工会（其数字按当前账簿计算）' }) notClosed: UnionRef[];
  @ApiProperty({ type: [UnionRef], description: '资产负债表不平衡的工会' }) notBalanced: UnionRef[];
}
