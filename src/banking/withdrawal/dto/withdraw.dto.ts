import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';

export class OwnBankAccountDto {
  @ApiProperty({ example: '中国建设银行某某支行', description: '工会自行开立账户的开户行' })
  @IsString() @Length(1, 100)
  bankName: string;

  @ApiProperty({ example: '某某有限公司工会委员会', description: '户名' })
  @IsString() @Length(1, 100)
  accountName: string;

  @ApiProperty({ example: '33050161234500001234', description: '账号' })
  @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: '账号只能包含数字、字母和连字符，4–40 位' })
  accountNo: string;
}

export class WithdrawUnionDto {
  @ApiProperty({ example: '工会自行开户，终止委托代管协议', description: '退出原因' })
  @IsString() @Length(1, 500)
  reason: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: '划转日期（退出凭证日期），默认今天' })
  @IsOptional() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ type: OwnBankAccountDto, description: '余额划入的工会自有账户；份额有余额时必填' })
  @IsOptional() @ValidateNested() @Type(() => OwnBankAccountDto)
  ownAccount?: OwnBankAccountDto;

  @ApiPropertyOptional({ example: 'HZ20260630001', description: '划款银行流水号；份额有余额时必填（用于银行对账）' })
  @IsOptional() @IsString() @Length(1, 64)
  bankReference?: string;
}
