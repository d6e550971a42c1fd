import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ClaimLineResponse {
  @ApiProperty() lineNo: number;
  @ApiProperty() description: string;
  @ApiProperty({ example: '120' }) quantity: string;
  @ApiProperty({ example: '150.00' }) unitPrice: string;
  @ApiProperty({ example: '18000.00' }) amount: string;
}

export class ClaimEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'approve' }) action: string;
  @ApiProperty({ example: '审批同意' }) actionLabel: string;
  @ApiPropertyOptional() fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty() actor: string;
  @ApiPropertyOptional() comment: string | null;
  @ApiPropertyOptional() details: Record<string, unknown> | null;
  @ApiProperty() at: string;
}

export class AttachmentResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'invoice' }) kind: string;
  @ApiProperty({ example: '发票' }) kindLabel: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiPropertyOptional() invoiceCode: string | null;
  @ApiPropertyOptional() invoiceNumber: string | null;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: string;
}

export class ClaimSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() unionId: string;
  @ApiProperty({ example: 'BX-2026-0001' }) number: string;
  @ApiProperty({ example: 'submitted' }) status: string;
  @ApiProperty({ example: '待主席审批' }) statusLabel: string;
  @ApiProperty({ example: 'holiday_gift' }) kind: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '18000.00' }) amount: string;
  @ApiProperty() payee: string;
  @ApiProperty() eventDate: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() updatedAt: string;
}

export class ClaimResponse extends ClaimSummaryResponse {
  @ApiPropertyOptional() occasion: string | null;
  @ApiProperty({ example: '壹万捌仟元整' }) amountInWords: string;
  @ApiProperty() expenseAccount: string;
  @ApiProperty() fundType: string;
  @ApiPropertyOptional() project: string | null;
  @ApiProperty() payeeDetails: { kind: string; name: string; bank: string | null; account: string | null };
  @ApiPropertyOptional() committee: { date: string; minutesRef: string } | null;
  @ApiProperty({ type: [ClaimLineResponse] }) lines: ClaimLineResponse[];
  @ApiProperty() beneficiaries: { member: string; name: string; share: string }[];
  @ApiProperty({ type: [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({ type: [ClaimEventResponse], description: '审批流程记录' }) history: ClaimEventResponse[];
  @ApiPropertyOptional({ description: '审核规则逐条结果（尚未支付的报销单）' }) compliance: unknown;
  @ApiPropertyOptional({ description: '付款凭证' }) voucher: { id: string; number: string } | null;
  @ApiPropertyOptional() payment: { date: string; bankReference: string | null; paidAt: string } | null;
  @ApiProperty() version: number;
}
