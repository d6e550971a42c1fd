import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { CODE_FORMAT } from '../../common/validation/formats.decorator';

export class CreateCenterDto {
  @ApiProperty({ title: '中心编码', example: 'HZ-001', description: '核算中心编码' })
  @IsString() @Matches(/^[0-9A-Za-z-]{1,32}$/, { message: CODE_FORMAT })
  code: string;

  @ApiProperty({ title: '中心名称', example: '杭州市总工会工会经费集中核算服务中心' })
  @IsString() @Length(1, 200)
  name: string;
}

export class CenterResponse {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}
