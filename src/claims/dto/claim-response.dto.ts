import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClaimKinds, DocumentKinds, Occasions } from '../domain/claim-kinds';
import { ClaimStatuses } from '../domain/claim.rules';
import { FundTypes } from '../../ledger/domain/account-rules';

export class ClaimLineResponse {
  @ApiProperty() lineNo: number;
  @ApiProperty() description: string;
  @ApiProperty({ example: '120' }) quantity: string;
  @ApiProperty({ example: '150.00' }) unitPrice: string;
  @ApiProperty({ example: '18000.00' }) amount: string;
}

export class FixedAssetItemResponse {
  @ApiProperty() lineNo: number;
  @ApiProperty() description: string;
  @ApiProperty({ example: '2' }) quantity: string;
  @ApiProperty({ example: '5000.00' }) unitPrice: string;
  @ApiProperty({ example: '10000.00' }) amount: string;
  @ApiProperty({ enum: ['building', 'general', 'special'] }) category: string;
  @ApiProperty({ example: '通用设备' }) categoryLabel: string;
}

export class ClaimEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'approve' }) action: string;
  @ApiProperty({ example: '审批同意' }) actionLabel: string;
  @ApiProperty({ nullable: true, enum: ClaimStatuses }) fromStatus: string | null;
  @ApiProperty({ enum: ClaimStatuses }) toStatus: string;
  @ApiProperty() actor: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '该步骤的补充信息（如金额、规则集、付款凭证）' })
  details: Record<string, unknown> | null;
  @ApiProperty() at: string;
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DocumentKinds, example: 'invoice' }) kind: string;
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

export class ClaimSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty({ example: 'BX-2026-0001' }) number: string;
  @ApiProperty({ enum: ClaimStatuses, example: 'submitted' }) status: string;
  @ApiProperty({ example: '待主席审批' }) statusLabel: string;
  @ApiProperty({ enum: ClaimKinds, example: 'holiday_gift' }) kind: string;
  @ApiProperty({ example: '节日慰问品' }) kindLabel: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '18000.00' }) amount: string;
  @ApiProperty() payee: string;
  @ApiProperty() eventDate: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() updatedAt: string;
}

export class PayeeDetailsResponse {
  @ApiProperty({ enum: ['bank', 'cash'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) bank: string | null;
  @ApiProperty({ nullable: true, type: String }) account: string | null;
}

export class CommitteeResponse {
  @ApiProperty({ example: '2026-09-01' }) date: string;
  @ApiProperty({ example: '工会委员会会议纪要〔2026〕5号' }) minutesRef: string;
}

export class BeneficiaryShareResponse {
  @ApiProperty({ example: 'M0001' }) member: string;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '150.00', description: '本报销单中分给该会员的金额' }) share: string;
}

export class RuleSetRefResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '未设置规则集时为系统默认规则（null）' }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-01' }) effectiveFrom: string | null;
}

export class RuleResultResponse {
  @ApiProperty({ example: 'cap.0.holiday_gift', description: '规则标识（拒绝理由中引用）' }) rule: string;
  @ApiProperty() title: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ description: '通过或未通过的原因，含数字' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '未通过的限额：超限会员及其金额；预算：预算、已支出、已审批待支付、可用' })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ description: '仅为提示（预算控制为“提示”时），不影响审批' }) advisory?: boolean;
}

export class ComplianceReportResponse {
  @ApiProperty({ type: RuleSetRefResponse, description: '适用的规则集（业务发生日期生效的那一个）' }) ruleSet: RuleSetRefResponse;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [RuleResultResponse] }) results: RuleResultResponse[];
}

export class ClaimVoucherResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: '记-202609-0012', description: '记账后的凭证号；草稿为 null' }) number: string | null;
  @ApiProperty({ enum: ['draft', 'posted'] }) status: string;
}

export class ClaimPaymentResponse {
  @ApiProperty({ example: '2026-09-25' }) date: string;
  @ApiProperty({ nullable: true, type: String }) bankReference: string | null;
  @ApiProperty() paidAt: string;
}

export class ClaimResponse extends ClaimSummaryResponse {
  @ApiProperty({ nullable: true, enum: Occasions }) occasion: string | null;
  @ApiProperty({ example: '壹万捌仟元整' }) amountInWords: string;
  @ApiProperty({ example: '50105' }) expenseAccount: string;
  @ApiProperty({ enum: FundTypes }) fundType: string;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ type: PayeeDetailsResponse }) payeeDetails: PayeeDetailsResponse;
  @ApiProperty({ nullable: true, type: CommitteeResponse }) committee: CommitteeResponse | null;
  @ApiProperty({ type: [ClaimLineResponse] }) lines: ClaimLineResponse[];
  @ApiProperty({ type: [BeneficiaryShareResponse] }) beneficiaries: BeneficiaryShareResponse[];
  @ApiProperty({ type: [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({ type: [ClaimEventResponse], description: '审批流程记录' }) history: ClaimEventResponse[];
  @ApiProperty({ nullable: true, type: ComplianceReportResponse, description: '审核规则逐条结果（尚未付款的报销单）' })
  compliance: ComplianceReportResponse | null;
  @ApiProperty({ nullable: true, type: ClaimVoucherResponse, description: '付款凭证：审核时由会计编制（草稿，无凭证号），记账后有凭证号' })
  voucher: ClaimVoucherResponse | null;
  @ApiProperty({ type: [FixedAssetItemResponse], description: '作为固定资产入账的明细行（工会会计制度 第三十二条起点，审核时确定）' })
  fixedAssets: FixedAssetItemResponse[];
  @ApiProperty({ nullable: true, type: ClaimPaymentResponse }) payment: ClaimPaymentResponse | null;
  @ApiProperty({ type: 'integer' }) version: number;
}
