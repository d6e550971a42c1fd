import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** 100,000 pages of 500: far past any list here, and an offset PostgreSQL takes as a plain integer. */
export const MAX_PAGE = 100_000;

export class PageQuery {
  @ApiPropertyOptional({ title: '页码', type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ title: '每页条数', type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
