import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CreateCenterDto {
  @ApiProperty({ example: 'HZ-001', description: '核算中心编码' })
  @IsString() @Matches(/^[0-9A-Za-z-]{1,32}$/, { message: '中心编码只能包含字母、数字和连字符，最长 32 位' })
  code: string;

  @ApiProperty({ example: '杭州市总工会工会经费集中核算服务中心' })
  @IsString() @Length(1, 200)
  name: string;
}

export class CenterResponse {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}
