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
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty() actor: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) details: Record<string, unknown> | null;
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
  @ApiProperty({ nullable: true, type: String }) invoiceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) invoiceNumber: string | null;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: string;
}

export class PayeeResponse {
  @ApiProperty({ enum: ['bank', 'cash'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) bank: string | null;
  @ApiProperty({ nullable: true, type: String }) account: string | null;
}

export class CommitteeResponse {
  @ApiProperty({ example: '2026-09-01' }) date: string;
  @ApiProperty() minutesRef: string;
}

export class BeneficiaryResponse {
  @ApiProperty() member: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '300.00', description: '本单分摊金额' }) share: string;
}

export class RuleResultResponse {
  @ApiProperty({ example: 'cap.0.holiday_gift', description: '规则编号（稳定）' }) rule: string;
  @ApiProperty() title: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ description: '通过或未通过的说明（含金额）' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class RuleSetRefResponse {
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom: string | null;
}

export class ComplianceResponse {
  @ApiProperty({ type: RuleSetRefResponse }) ruleSet: RuleSetRefResponse;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [RuleResultResponse] }) results: RuleResultResponse[];
}

export class ClaimVoucherResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '付-202609-0001' }) number: string;
}

export class ClaimPaymentResponse {
  @ApiProperty() date: string;
  @ApiProperty({ nullable: true, type: String }) bankReference: string | null;
  @ApiProperty() paidAt: string;
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
  @ApiProperty({ nullable: true, type: String }) occasion: string | null;
  @ApiProperty({ example: '壹万捌仟元整' }) amountInWords: string;
  @ApiProperty() expenseAccount: string;
  @ApiProperty() fundType: string;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ type: PayeeResponse }) payeeDetails: PayeeResponse;
  @ApiProperty({ type: CommitteeResponse, nullable: true }) committee: CommitteeResponse | null;
  @ApiProperty({ type: [ClaimLineResponse] }) lines: ClaimLineResponse[];
  @ApiProperty({ type: [BeneficiaryResponse] }) beneficiaries: BeneficiaryResponse[];
  @ApiProperty({ type: [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({ type: [ClaimEventResponse], description: '审批流程记录' }) history: ClaimEventResponse[];
  @ApiProperty({ type: ComplianceResponse, nullable: true, description: '审核规则逐条结果（尚未支付的报销单）' }) compliance: ComplianceResponse | null;
  @ApiProperty({ type: ClaimVoucherResponse, nullable: true, description: '付款凭证' }) voucher: ClaimVoucherResponse | null;
  @ApiProperty({ type: ClaimPaymentResponse, nullable: true }) payment: ClaimPaymentResponse | null;
  @ApiProperty() version: number;
}
