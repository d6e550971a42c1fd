import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CancelAllocationDto {
  @ApiProperty({ title: '作废原因', example: '金额有误，重新上传' }) @IsString() @Length(1, 200)
  reason: string;
}

export class AllocationCreditResponse {
  @ApiProperty({ example: '2026-04-10' }) date: string;
  @ApiProperty({ example: '250000.00' }) amount: string;
  @ApiProperty({ example: 'ICBC20260410001' }) reference: string;
  @ApiProperty({ example: '某某市总工会' }) payer: string;
}

export class AllocationFileResponse {
  @ApiProperty() name: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format: string;
}

export class AllocationCancellationResponse {
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class AllocationRowResponse {
  @ApiProperty({ description: '文件中的行号' }) row: number;
  @ApiProperty() unionId: string;
  @ApiProperty() unionCode: string;
  @ApiProperty() unionName: string;
  @ApiProperty({ enum: ['allocation', 'subsidy'] }) kind: string;
  @ApiProperty({ enum: ['restricted', 'unrestricted'] }) fundType: string;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ example: '1234.56' }) amount: string;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
}

export class AllocationBatchResponse {
  @ApiProperty() id: string;
  @ApiProperty() centerId: string;
  @ApiProperty({ example: 'FP-2026-0001' }) number: string;
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ type: AllocationCreditResponse, description: '对应的银行到账' }) credit: AllocationCreditResponse;
  @ApiProperty({ type: AllocationFileResponse }) file: AllocationFileResponse;
  @ApiProperty() rowCount: number;
  @ApiProperty({ enum: ['validated', 'posted', 'cancelled'], description: 'validated 已校验待过账；posted 已过账；cancelled 已作废' }) status: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ nullable: true, type: String }) postedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) postedAt: string | null;
  @ApiProperty({ type: AllocationCancellationResponse, nullable: true }) cancelled: AllocationCancellationResponse | null;
}

export class AllocationDetailResponse extends AllocationBatchResponse {
  @ApiProperty({ type: [AllocationRowResponse] }) rows: AllocationRowResponse[];
}

export class AllocationCheckResponse {
  @ApiProperty({ description: '整份文件校验通过' }) valid: boolean;
  @ApiProperty({ description: '分配行数' }) rows: number;
  @ApiProperty({ example: '250000.00', description: '各行合计' }) total: string;
  @ApiProperty({ example: '250000.00', description: '银行到账金额' }) creditAmount: string;
}
