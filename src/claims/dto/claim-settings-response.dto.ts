import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ClaimKinds, DocumentKinds, Occasions } from '../domain/claim-kinds';
import { ClaimStatuses } from '../domain/claim.rules';
import { RuleSetRefResponse } from './claim-response.dto';

export class PooledAccountResponse {
  @ApiProperty({ nullable: true, type: String, example: '中国工商银行某某支行' }) bankName: string | null;
  @ApiProperty({ nullable: true, type: String }) accountName: string | null;
  @ApiProperty({ nullable: true, type: String }) accountNo: string | null;
}

export class ClaimSettingsResponse {
  @ApiProperty({ format: 'uuid' }) centerId: string;
  @ApiProperty({ example: '5000.00', description: '超过此金额须有集体研究记录' }) committeeThreshold: string;
  @ApiProperty({ example: '1000.00', description: '现金支付限额' }) cashLimit: string;
  @ApiProperty() allowCashAboveLimit: boolean;
  @ApiProperty({ type: PooledAccountResponse, description: '中心统一账户' }) pooledAccount: PooledAccountResponse;
  @ApiProperty({ nullable: true, type: String, description: '未保存过设置时为 null（使用默认值）' }) updatedAt: string | null;
}

@ApiSchema({ name: 'CapRule' })
export class CapRuleResponse {
  @ApiProperty({ enum: ClaimKinds }) kind: string;
  @ApiProperty({ enum: Occasions, required: false }) occasion?: string;
  @ApiProperty({ enum: ['member-year', 'event'], description: 'member-year 每人每年累计；event 每人每次' }) basis: string;
  @ApiProperty({ example: '1500.00' }) amount: string;
}

@ApiSchema({ name: 'DocumentRule' })
export class DocumentRuleResponse {
  @ApiProperty({ enum: ClaimKinds }) kind: string;
  @ApiProperty({ enum: DocumentKinds, isArray: true }) documents: string[];
}

/** A rule set's content: in responses, and as the `rules` of a new custom rule set. */
@ApiSchema({ name: 'RuleSetBody' })
export class RuleSetBodyResponse {
  @ApiProperty({ enum: ClaimKinds, isArray: true, description: '不予报销的类别' }) prohibitedKinds: string[];
  @ApiProperty({ type: [CapRuleResponse], description: '每人限额' }) caps: CapRuleResponse[];
  @ApiProperty({ type: [DocumentRuleResponse], description: '各类别必备的单据' }) requiredDocuments: DocumentRuleResponse[];
}

export class RuleSetResponse {
  @ApiProperty({ format: 'uuid' }) centerId: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2027-01-01' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String, description: '所依据的预置规则' }) preset: string | null;
  @ApiProperty({ type: RuleSetBodyResponse }) body: RuleSetBodyResponse;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy: string | null;
  @ApiProperty() createdAt: string;
}

export class DefaultRuleSetResponse extends RuleSetRefResponse {
  @ApiProperty({ type: RuleSetBodyResponse }) body: RuleSetBodyResponse;
}

export class RulePresetResponse {
  @ApiProperty({ example: 'anhui-2018' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '依据文件（见 docs/claims.md）' }) source: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: RuleSetBodyResponse }) body: RuleSetBodyResponse;
}

export class RulePresetsResponse {
  @ApiProperty({ type: DefaultRuleSetResponse, description: '中心未设置规则集时适用的默认规则' }) default: DefaultRuleSetResponse;
  @ApiProperty({ type: [RulePresetResponse] }) presets: RulePresetResponse[];
}

export class TaskItemResponse {
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty() unionName: string;
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ example: 'BX-2026-0001' }) number: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '18000.00' }) amount: string;
  @ApiProperty({ enum: ClaimStatuses }) status: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: '进入当前状态的时间' }) waitingSince: string;
}

export class TaskListResponse {
  @ApiProperty({ type: 'integer', description: '待办总数（最多列出 100 条）' }) total: number;
  @ApiProperty({ type: [TaskItemResponse] }) items: TaskItemResponse[];
}

export class MyTasksResponse {
  @ApiProperty({ type: TaskListResponse, description: '待审批（工会主席）' }) approvals: TaskListResponse;
  @ApiProperty({ type: TaskListResponse, description: '待审核并制单（中心会计）' }) reviews: TaskListResponse;
  @ApiProperty({ type: TaskListResponse, description: '付款凭证待复核（主任或另一名会计，不含本人制单的）' }) checks: TaskListResponse;
  @ApiProperty({ type: TaskListResponse, description: '待付款（出纳）' }) payments: TaskListResponse;
  @ApiProperty({ type: TaskListResponse, description: '已付款待记账（可过账的人员，不含付款的出纳）' }) postings: TaskListResponse;
  @ApiProperty({ type: TaskListResponse, description: '被退回（报账员）' }) returned: TaskListResponse;
}
