import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** 100,000 pages of 500: far past any list here, and an offset PostgreSQL takes as a plain integer. */
export const MAX_PAGE = 100_000;

export class PageQuery {
  @ApiPropertyOptional({ title: '页码', type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, description: '页码，从 1 起' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ title: '每页条数', type: 'integer', minimum: 1, maximum: 500, default: 50, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize: number = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
