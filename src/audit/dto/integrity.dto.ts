import { ApiProperty } from '@nestjs/swagger';

export class ChainBreakResponse {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ enum: ['content-altered', 'link-broken', 'sequence-gap'], description: '内容被改、链接断开、序号缺失' }) problem: string;
}

export class ChainHeadResponse {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) hash: string;
}

export class AuditChainReportResponse {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ nullable: true, type: String }) firstHash: string | null;
  @ApiProperty({ nullable: true, type: String }) lastHash: string | null;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [ChainBreakResponse] }) breaks: ChainBreakResponse[];
  @ApiProperty({ nullable: true, type: ChainHeadResponse, description: '链头记录（与最后一条记录一致）' }) head: ChainHeadResponse | null;
}

export class VoucherChainReportResponse extends AuditChainReportResponse {
  @ApiProperty({ type: [String], description: '已过账却不在凭证链中的凭证 id' }) unchained: string[];
}

export class BalanceMismatchResponse {
  @ApiProperty() account: string;
  @ApiProperty({ type: 'integer', example: 202603 }) period: number;
  @ApiProperty({ nullable: true, type: String, description: '由期初余额和分录重算的余额' }) expected: string | null;
  @ApiProperty({ nullable: true, type: String, description: '余额表中保存的余额' }) stored: string | null;
}

export class BalancesReportResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) rows: number;
  @ApiProperty({ type: [BalanceMismatchResponse] }) mismatches: BalanceMismatchResponse[];
}

export class NumberingGapResponse {
  @ApiProperty({ type: 'integer', example: 202603 }) period: number;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) maxNumber: number;
}

export class NumberingReportResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [NumberingGapResponse] }) gaps: NumberingGapResponse[];
}

export class IntegrityReportResponse {
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty() verifiedAt: string;
  @ApiProperty({ description: '以下各项全部通过' }) ok: boolean;
  @ApiProperty({ type: AuditChainReportResponse, description: '操作日志链' }) audit: AuditChainReportResponse;
  @ApiProperty({ type: VoucherChainReportResponse, description: '凭证链' }) vouchers: VoucherChainReportResponse;
  @ApiProperty({ type: BalancesReportResponse, description: '余额重算' }) balances: BalancesReportResponse;
  @ApiProperty({ type: NumberingReportResponse, description: '凭证编号连续性' }) numbering: NumberingReportResponse;
}
