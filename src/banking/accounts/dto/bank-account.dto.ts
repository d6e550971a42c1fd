import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';

const ACCOUNT_NO = /^[0-9A-Za-z-]{4,40}$/;

export class CreateBankAccountDto {
  @ApiProperty({ example: '中国工商银行', description: '开户银行' })
  @IsString() @Length(1, 100)
  bankName: string;

  @ApiPropertyOptional({ example: '杭州西湖支行', description: '开户网点' })
  @IsOptional() @IsString() @Length(1, 100)
  branch?: string;

  @ApiProperty({ example: '1202020209000012345', description: '账号' })
  @Matches(ACCOUNT_NO, { message: '账号只能包含数字、字母和连字符，4–40 位' })
  accountNo: string;

  @ApiProperty({ example: '某某市总工会经费集中核算户', description: '户名' })
  @IsString() @Length(1, 100)
  accountName: string;

  @ApiProperty({ example: '2026-01-01', description: '开户（启用对账）日期：银行对账单自此日起导入' })
  @IsCalendarDate()
  openedOn: string;

  @ApiProperty({ example: '0.00', description: '期初余额：开户日期当日第一笔流水之前的银行余额' })
  @IsAmount({ allowNegative: false })
  openingBalance: string;

  @ApiPropertyOptional({ default: false, description: '设为本中心的默认统一账户（新建工会的资金存放于此）' })
  @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

export class UpdateBankAccountDto {
  @ApiPropertyOptional({ example: '中国工商银行' }) @IsOptional() @IsString() @Length(1, 100)
  bankName?: string;

  @ApiPropertyOptional({ example: '杭州西湖支行' }) @IsOptional() @IsString() @Length(1, 100)
  branch?: string;

  @ApiPropertyOptional({ description: '导入对账单后不能再改' }) @IsOptional() @Matches(ACCOUNT_NO, { message: '账号只能包含数字、字母和连字符，4–40 位' })
  accountNo?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  accountName?: string;

  @ApiPropertyOptional({ description: '导入对账单后不能再改；与期初余额一同登记' }) @IsOptional() @IsCalendarDate()
  openedOn?: string;

  @ApiPropertyOptional({ description: '导入对账单后不能再改' }) @IsOptional() @IsAmount({ allowNegative: false })
  openingBalance?: string;

  @ApiPropertyOptional({ enum: ['active', 'closed'], description: 'closed 销户：各工会份额余额为零、无预留且不是默认账户时才能销户' })
  @IsOptional() @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';

  @ApiPropertyOptional({ description: 'true 设为默认统一账户' }) @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

export class OpenShareDto {
  @ApiProperty({ format: 'uuid', description: '本中心的工会' })
  @IsUUID()
  unionId: string;

  @ApiPropertyOptional({ default: false, description: '设为该工会的默认份额（收款、报销支付默认使用）' })
  @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

export class PositionQuery {
  @ApiPropertyOptional({ example: '2026-03-31', description: '截至日期（含），默认今天' })
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
  @ApiProperty() unionStatus: string;
  @ApiProperty({ example: '10201', description: '工会账簿中对应的银行存款明细科目' }) account: string;
  @ApiProperty({ description: '是否为该工会的默认份额' }) isDefault: boolean;
}

export class SharePositionResponse extends ShareResponse {
  @ApiProperty({ example: '5000.00', description: '份额账面余额' }) balance: string;
  @ApiProperty({ example: '800.00', description: '已批准未支付的预留' }) reserved: string;
  @ApiProperty({ example: '4200.00', description: '可用 = 余额 − 预留' }) available: string;
}

export class PositionResponse {
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ example: '2026-03-31' }) date: string;
  @ApiProperty({ type: [SharePositionResponse] }) unions: SharePositionResponse[];
  @ApiProperty({ example: { balance: '12000.00', reserved: '800.00', available: '11200.00' } })
  total: { balance: string; reserved: string; available: string };
  @ApiProperty({ example: '12000.00', description: '统一账户账面余额（= 各工会份额之和，恒等式由 npm run verify 与完整性接口复核）' })
  bookBalance: string;
  @ApiProperty({ nullable: true, description: '截至该日最后一笔已导入银行流水的余额', example: { date: '2026-03-30', balance: '12100.00' } })
  statement: { date: string; balance: string } | null;
}
