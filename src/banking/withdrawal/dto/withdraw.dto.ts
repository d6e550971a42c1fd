import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { BANK_ACCOUNT_FORMAT } from '../../../common/validation/formats.decorator';
import { Nested } from '../../../common/validation/nested.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';

export class OwnBankAccountDto {
  @ApiProperty({ title: '开户银行', example: '中国建设银行某某支行', description: '工会自行开立账户的开户行' })
  @IsString() @Length(1, 100)
  bankName: string;

  @ApiProperty({ title: '户名', example: '某某有限公司工会委员会' })
  @IsString() @Length(1, 100)
  accountName: string;

  @ApiProperty({ title: '账号', example: '33050161234500001234' })
  @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: BANK_ACCOUNT_FORMAT })
  accountNo: string;
}

export class WithdrawUnionDto {
  @ApiProperty({ title: '退出原因', example: '工会自行开户，终止委托代管协议' })
  @IsString() @Length(1, 500)
  reason: string;

  @ApiPropertyOptional({ title: '划转日期', example: '2026-06-30', description: '退出凭证的日期，默认今天' })
  @IsOptional() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ title: '工会自有账户', type: OwnBankAccountDto, description: '余额划入的工会自有账户；份额有余额时必填' })
  @IsOptional() @Nested(() => OwnBankAccountDto)
  ownAccount?: OwnBankAccountDto;

  @ApiPropertyOptional({ title: '划款银行流水号', example: 'HZ20260630001', description: '份额有余额时必填（用于银行对账）' })
  @IsOptional() @IsString() @Length(1, 64)
  bankReference?: string;
}
