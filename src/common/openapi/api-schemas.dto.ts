import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One refused field (the validation pipe's FieldProblem). */
export class FieldErrorResponse {
  @ApiProperty({ example: 'lines.0.debit', description: '出错的字段（JSON 路径，嵌套字段以点连接）' }) field: string;
  @ApiProperty({ example: '分录第 1 行的借方金额', description: '字段的中文名称' }) label: string;
  @ApiProperty({ example: 'isAmount', description: '违反的规则（class-validator 名称）' }) rule: string;
  @ApiProperty({ example: '分录第 1 行的借方金额应为字符串，最多两位小数', description: '中文说明' }) message: string;
  @ApiProperty({ example: 'lines.0.debit must be a decimal string with at most 2 places', description: '英文说明（供集成方）' }) messageEn: string;
}

/** Every error the API answers: one shape, whatever the status. */
export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: '稳定的错误码（英文标识）：程序据此判断，不随文字改变' }) code: string;
  @ApiProperty({ example: '请求参数不合法', description: '给用户看的中文说明' }) message: string;
  @ApiPropertyOptional({
    type: 'object',
    properties: { errors: { type: 'array', items: { $ref: getSchemaPath(FieldErrorResponse) }, description: '参数校验失败时逐项列出' } },
    additionalProperties: true,
    description: '补充信息：校验失败时的字段列表，或与错误码相关的数据（如未通过的规则）；其他键随错误码而定',
  })
  details?: { errors?: FieldErrorResponse[] } & Record<string, unknown>;
  @ApiProperty({ example: '01936f3e-7a4b-7c2d-9e8f-0123456789ab', description: '请求编号：与日志和审计记录对应，报告问题时请提供' })
  requestId: string;
}

/** A page of a list: `items` typed per list (see ApiPageResponse). */
export class PageResponse {
  @ApiProperty({ type: 'array', items: {}, description: '本页内容' }) items: unknown[];
  @ApiProperty({ type: 'integer', example: 1, description: '页码，从 1 起' }) page: number;
  @ApiProperty({ type: 'integer', example: 50, description: '每页条数' }) pageSize: number;
  @ApiProperty({ type: 'integer', example: 123, description: '符合条件的总条数' }) total: number;
}
