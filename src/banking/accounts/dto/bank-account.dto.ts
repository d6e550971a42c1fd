import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { BANK_ACCOUNT_FORMAT } from '../../../common/validation/formats.decorator';
import { IsOptionalNotNull } from '../../../common/validation/optional.decorator';

const ACCOUNT_NO = /^[0-9A-Za-z-]{4,40}$/;

export class CreateBankAccountDto {
  @ApiProperty({ title: '开户银行', example: '中国工商银行' })
  @IsString() @Length(1, 100)
  bankName: string;

  @ApiPropertyOptional({ title: '开户网点', example: '杭州西湖支行' })
  @IsOptional() @IsString() @Length(1, 100)
  branch?: string;

  @ApiProperty({ title: '账号', example: '1202020209000012345' })
  @Matches(ACCOUNT_NO, { message: BANK_ACCOUNT_FORMAT })
  accountNo: string;

  @ApiProperty({ title: '户名', example: '某市总工会经费集中核算户' })
  @IsString() @Length(1, 100)
  accountName: string;

  @ApiProperty({ title: '开户日期', example: '2026-01-01', description: '启用对账的日期：银行对账单自此日起导入' })
  @IsCalendarDate()
  openedOn: string;

  @ApiProperty({ title: '期初余额', example: '0.00', description: '开户日期当日第一笔流水之前的银行余额' })
  @IsAmount({ allowNegative: false })
  openingBalance: string;

  @ApiPropertyOptional({ title: '设为默认', description: '设为本中心的默认统一账户（新建工会的资金存放于此）；不填为否' })
  @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

export class UpdateBankAccountDto {
  @ApiPropertyOptional({ title: '开户银行', example: '中国工商银行' }) @IsOptionalNotNull() @IsString() @Length(1, 100)
  bankName?: string;

  @ApiPropertyOptional({ title: '开户网点', example: '杭州西湖支行' }) @IsOptionalNotNull() @IsString() @Length(1, 100)
  branch?: string;

  @ApiPropertyOptional({ title: '账号', description: '导入对账单后不能再改' }) @IsOptionalNotNull() @Matches(ACCOUNT_NO, { message: BANK_ACCOUNT_FORMAT })
  accountNo?: string;

  @ApiPropertyOptional({ title: '户名' }) @IsOptionalNotNull() @IsString() @Length(1, 100)
  accountName?: string;

  @ApiPropertyOptional({ title: '开户日期', description: '导入对账单后不能再改；与期初余额一同登记' }) @IsOptionalNotNull() @IsCalendarDate()
  openedOn?: string;

  @ApiPropertyOptional({ title: '期初余额', description: '导入对账单后不能再改' }) @IsOptionalNotNull() @IsAmount({ allowNegative: false })
  openingBalance?: string;

  @ApiPropertyOptional({ title: '状态', enum: ['active', 'closed'], description: 'closed 销户：各工会份额余额为零、无预留且不是默认账户时才能销户' })
  @IsOptionalNotNull() @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';

  @ApiPropertyOptional({ title: '设为默认', description: 'true 设为默认统一账户' }) @IsOptionalNotNull() @IsBoolean()
  isDefault?: boolean;
}

export class OpenShareDto {
  @ApiProperty({ title: '工会', format: 'uuid', description: '本中心的工会' })
  @IsUUID()
  unionId: string;

  @ApiPropertyOptional({ title: '设为默认份额', description: '设为该工会的默认份额（收款、报销支付默认使用）；不填为否' })
  @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

export class PositionQuery {
  @ApiPropertyOptional({ title: '截至日期', example: '2026-03-31', description: '截至该日（含），默认今天' })
  @IsOptional() @IsCalendarDate()
  date?: string;
}

export class BankAccountResponse {
  @ApiProperty() id: string;
  @ApiProperty() centerId: string;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty({ nullable: true, type: String }) branch: string | null;
  @ApiProperty({ nullable: true, type: String }) accountNo: string | null;
  @ApiProperty({ nullable: true, type: String }) accountName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-01' }) openedOn: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0.00' }) openingBalance: string | null;
  @ApiProperty({ description: '已登记开户日期和期初余额（对账的前提）' }) registered: boolean;
  @ApiProperty({ enum: ['active', 'closed'] }) status: string;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ description: '对应的工会份额数' }) shares: number;
  @ApiProperty({ example: '12000.00', description: '账面余额 = 各工会份额余额之和' }) bookBalance: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ShareResponse {
  @ApiProperty() unionId: string;
  @ApiProperty() unionCode: string;
  @ApiProperty() unionName: string;
  @ApiProperty({ enum: ['active', 'suspended', 'withdrawn'] }) unionStatus: string;
  @ApiProperty({ example: '10201', description: '工会账簿中对应的银行存款明细科目' }) account: string;
  @ApiProperty({ description: '是否为该工会的默认份额' }) isDefault: boolean;
}

export class SharePositionResponse extends ShareResponse {
  @ApiProperty({ example: '5000.00', description: '份额账面余额' }) balance: string;
  @ApiProperty({ example: '800.00', description: '已批准未支付的预留' }) reserved: string;
  @ApiProperty({ example: '4200.00', description: '可用 = 余额 − 预留' }) available: string;
}

export class PositionTotalResponse {
  @ApiProperty({ example: '12000.00' }) balance: string;
  @ApiProperty({ example: '800.00' }) reserved: string;
  @ApiProperty({ example: '11200.00' }) available: string;
}

export class StatementBalanceResponse {
  @ApiProperty({ example: '2026-03-30', description: '最后一笔已导入银行流水的日期' }) date: string;
  @ApiProperty({ example: '12100.00', description: '该笔流水后的银行余额' }) balance: string;
}

export class PositionResponse {
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ example: '2026-03-31' }) date: string;
  @ApiProperty({ type: [SharePositionResponse] }) unions: SharePositionResponse[];
  @ApiProperty({ type: PositionTotalResponse }) total: PositionTotalResponse;
  @ApiProperty({ example: '12000.00', description: '统一账户账面余额（= 各工会份额之和，恒等式由 npm run verify 与完整性接口复核）' })
  bookBalance: string;
  @ApiProperty({ type: StatementBalanceResponse, nullable: true, description: '截至该日最后一笔已导入银行流水的余额；未导入时为 null' })
  statement: StatementBalanceResponse | null;
}

export class PooledMismatchResponse {
  @ApiProperty({ example: '2026-02' }) period: string;
  @ApiProperty({ example: '505.00', description: '各工会账簿中份额余额之和' }) shares: string;
  @ApiProperty({ example: '500.00', description: '由各份额的分录和期初余额重算的统一账户账面余额' }) pooled: string;
}

export class PooledIntegrityResponse {
  @ApiProperty() centerId: string;
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ description: '恒等式逐月成立，且中心每个未退出的工会都有默认份额' }) ok: boolean;
  @ApiProperty() shares: number;
  @ApiProperty({ description: '复核的月数' }) months: number;
  @ApiProperty({ type: [PooledMismatchResponse], description: '不相等的月末（最多 20 个）' }) mismatches: PooledMismatchResponse[];
  @ApiProperty({ type: [String], description: '没有默认份额的工会编码（最多 20 个）' }) unionsWithoutShare: string[];
}
