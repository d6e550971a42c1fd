import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { CommitteeDecisionDto } from './claim.dto';
import { Nested } from '../../common/validation/nested.decorator';

export class CommentDto {
  @ApiPropertyOptional({ title: '意见', example: '同意', description: '意见' })
  @IsOptional() @IsString() @Length(1, 500)
  comment?: string;
}

export class ReasonDto {
  @ApiProperty({ title: '理由', example: '缺少发放签收表', description: '驳回/退回/作废理由（必填）' })
  @IsString() @Length(1, 500)
  comment: string;
}

export class ApproveClaimDto extends CommentDto {
  @ApiPropertyOptional({ title: '集体研究记录', type: CommitteeDecisionDto, description: '集体研究记录（金额超过中心设定时必须有，可在此补录）' })
  @IsOptional() @Nested(() => CommitteeDecisionDto)
  committee?: CommitteeDecisionDto;
}

export class PayClaimDto extends CommentDto {
  @ApiPropertyOptional({ title: '支付日期', example: '2026-09-25', description: '支付日期（即凭证日期），默认今天' })
  @IsOptional() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ title: '银行流水号', example: 'ICBC20260925000123', description: '银行流水号（转账必填）' })
  @IsOptional() @IsString() @Length(1, 64)
  bankReference?: string;
}

export class ReviewClaimDto extends CommentDto {
  @ApiPropertyOptional({
    title: '大批同类物资',
    description: '购置的是大批同类物资（如图书、家具）：单价虽未达到固定资产起点，也全部作为固定资产入账（工会会计制度 第三十二条）。默认 false',
  })
  @IsOptional() @IsBoolean()
  bulkFixedAssets?: boolean;
}
