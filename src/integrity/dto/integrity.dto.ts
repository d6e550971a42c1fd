import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ChainBreakResponse {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({
    enum: ['content-altered', 'link-broken', 'sequence-gap', 'checkpoint-mismatch', 'rewound-below-checkpoint'],
    description: '内容被改、链接断开、序号缺失、与签名检查点不符（链被重算）、链被截短到检查点以下',
  })
  problem: string;
}

export class ChainHeadResponse {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) hash: string;
}

export class SignedHeadResponse extends ChainHeadResponse {
  @ApiProperty({ description: '签名时间' }) at: string;
}

export class ChainSectionResponse {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ nullable: true, type: String }) firstHash: string | null;
  @ApiProperty({ nullable: true, type: String }) lastHash: string | null;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [ChainBreakResponse] }) breaks: ChainBreakResponse[];
  @ApiProperty({ nullable: true, type: ChainHeadResponse, description: '数据库中的链头记录（应与最后一条记录一致）' }) head: ChainHeadResponse | null;
  @ApiProperty({ nullable: true, type: SignedHeadResponse, description: '最近一次签名检查点中的链头：链中必须仍有这一条' })
  checkpoint: SignedHeadResponse | null;
}

export class RowMismatchResponse {
  @ApiProperty({ example: 'vouchers', description: '表' }) kind: string;
  @ApiProperty({ description: '行的键' }) key: string;
  @ApiProperty({ enum: ['altered', 'missing', 'unrecorded'], description: '与最近记录不符、记录过但已不存在、从未记录' }) problem: string;
  @ApiPropertyOptional({ example: 'lines[0].debit', description: '第一个不符的字段' }) field?: string;
}

export class RecordsSectionResponse extends ChainSectionResponse {
  @ApiProperty({ type: 'integer', description: '与记录逐行比对的行数' }) rowsCompared: number;
  @ApiProperty({ type: [RowMismatchResponse] }) mismatches: RowMismatchResponse[];
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

export class SemanticProblemResponse {
  @ApiProperty({
    example: 'posted-into-closed-period',
    description:
      'posted-into-closed-period 过账到已结账期间；voucher-unbalanced；line-date-differs；reversed-twice 重复冲销；funds-negative 可用资金为负；' +
      'paid-claim-voucher、claim-voucher-orphan、claim-reservation、reservation-orphan 报销单、付款凭证与资金预留不勾稽；reversal-link 冲销关系缺失',
  })
  check: string;
  @ApiProperty() key: string;
  @ApiProperty() detail: string;
  @ApiPropertyOptional({ type: 'integer', description: '账簿链中的位置' }) seq?: number;
}

export class SemanticsReportResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [SemanticProblemResponse] }) problems: SemanticProblemResponse[];
}

export class IntegrityReportResponse {
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty() verifiedAt: string;
  @ApiProperty({ description: '以下各项全部通过' }) ok: boolean;
  @ApiProperty({ type: ChainSectionResponse, description: '操作日志链' }) audit: ChainSectionResponse;
  @ApiProperty({ type: RecordsSectionResponse, description: '账簿链：凭证、冲销、期初、期间、报销单、资金预留等每次变动的记录，逐行与现状比对' })
  records: RecordsSectionResponse;
  @ApiProperty({ type: ChainSectionResponse, description: '账簿链启用前的凭证链（不再增长）' }) legacyVouchers: ChainSectionResponse;
  @ApiProperty({ type: BalancesReportResponse, description: '余额重算' }) balances: BalancesReportResponse;
  @ApiProperty({ type: NumberingReportResponse, description: '凭证编号连续性' }) numbering: NumberingReportResponse;
  @ApiProperty({ type: SemanticsReportResponse, description: '勾稽校验' }) semantics: SemanticsReportResponse;
}

export class PublicKeyResponse {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: 'Ed25519';
  @ApiProperty({ description: '公钥 32 字节的 base64url（签名检查点中的 key）' }) key: string;
  @ApiProperty({ description: '公钥的 SHA-256 指纹（十六进制），审计人员据此确认' }) fingerprint: string;
  @ApiProperty({ description: 'PEM 格式公钥' }) pem: string;
}
