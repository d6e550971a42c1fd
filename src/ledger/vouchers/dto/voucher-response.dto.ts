import { ApiProperty } from '@nestjs/swagger';

export class VoucherLinkResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '记-202603-0001' }) displayNumber: string;
}

export class LineResponse {
  @ApiProperty() lineNo: number;
  @ApiProperty() summary: string;
  @ApiProperty({ example: '10201' }) account: string;
  @ApiProperty({ example: '集中核算户' }) accountName: string;
  @ApiProperty({ example: '银行存款—集中核算户' }) accountPath: string;
  @ApiProperty({ nullable: true, type: String, example: '1500.00' }) debit: string | null;
  @ApiProperty({ nullable: true, type: String }) credit: string | null;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ nullable: true, enum: ['restricted', 'unrestricted'] }) fundType: string | null;
}

export class VoucherSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-03-15' }) date: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ enum: ['general', 'receipt', 'payment', 'transfer'] }) type: string;
  @ApiProperty({ enum: ['draft', 'posted'] }) status: string;
  @ApiProperty({ nullable: true, type: Number }) number: number | null;
  @ApiProperty({ nullable: true, type: String, example: '记-202603-0001' }) displayNumber: string | null;
  @ApiProperty() red: boolean;
  @ApiProperty() attachmentCount: number;
  @ApiProperty({ enum: ['manual', 'reversal', 'claim', 'closing', 'import'] }) source: string;
  @ApiProperty({ description: '制单' }) preparer: string;
  @ApiProperty({ nullable: true, type: String, description: '制单人的用户 id（审核 ≠ 制单：制单人不能过账）' }) preparerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '审核（未单独审核的，由记账人在过账时审核）' }) reviewer: string | null;
  @ApiProperty({ nullable: true, type: String, description: '记账（过账人）' }) postedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: '出纳（收付款凭证）' }) cashier: string | null;
  @ApiProperty({ description: '一人冲销：同一人生成并过账的红字冲销凭证（中心设置允许时）' }) onePerson: boolean;
  @ApiProperty({ nullable: true, type: String }) postedAt: string | null;
  @ApiProperty({ example: '1500.00' }) total: string;
  @ApiProperty({ description: '第一行摘要' }) summary: string;
}

export class VoucherResponse {
  @ApiProperty() id: string;
  @ApiProperty() date: string;
  @ApiProperty() period: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: Number }) number: number | null;
  @ApiProperty({ nullable: true, type: String }) displayNumber: string | null;
  @ApiProperty() red: boolean;
  @ApiProperty() attachmentCount: number;
  @ApiProperty() source: string;
  @ApiProperty({ description: '制单' }) preparer: string;
  @ApiProperty({ nullable: true, type: String, description: '制单人的用户 id（审核 ≠ 制单：制单人不能过账）' }) preparerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '审核（未单独审核的，由记账人在过账时审核）' }) reviewer: string | null;
  @ApiProperty({ nullable: true, type: String, description: '记账（过账人）' }) postedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: '出纳（收付款凭证）' }) cashier: string | null;
  @ApiProperty({ description: '一人冲销：同一人生成并过账的红字冲销凭证（中心设置允许时）' }) onePerson: boolean;
  @ApiProperty({ nullable: true, type: String }) postedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: VoucherLinkResponse, description: '本凭证（或冲销草稿）冲销的原凭证' }) reversalOf: VoucherLinkResponse | null;
  @ApiProperty({ nullable: true, type: VoucherLinkResponse, description: '冲销本凭证的红字凭证' }) reversedBy: VoucherLinkResponse | null;
  @ApiProperty({ type: [LineResponse] }) lines: LineResponse[];
  @ApiProperty({ example: '1500.00' }) totalDebit: string;
  @ApiProperty({ example: '1500.00' }) totalCredit: string;
  @ApiProperty({ example: '壹仟伍佰元整', description: '合计金额大写' }) amountInWords: string;
}
