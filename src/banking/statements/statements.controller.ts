import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { PageQuery } from '../../common/http/pagination.dto';
import { UuidParam } from '../../common/http/uuid.pipe';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../../common/openapi/api-docs.decorators';
import { formatAmount } from '../../common/money/amount';
import { readUpload } from '../files/upload';
import { ImportResultResponse, StatementFormatDto, StatementFormatResponse, StatementImportResponse, BankStatementLineResponse, StatementLinesQuery } from './dto/statement.dto';
import { StatementImport, StoredStatementLine } from './statements.repository';
import { StatementsService } from './statements.service';

const ICBC_FORMAT = { bankName: '中国工商银行', name: '企业网银明细', columns: { date: '交易日期', amountIn: '贷方发生额', amountOut: '借方发生额', balance: '余额', counterpartName: '对方户名', reference: '交易流水号', summary: '摘要' } };

/** 银行对账单: a pooled account's statements imported (with saved column mappings per bank) and their lines. */
@ApiTags('banking')
@Controller('api/centers/:centerId')
export class StatementsController {
  constructor(private readonly service: StatementsService) {}

  @Get('statement-formats')
  @Permission('bank:read')
  @ApiOperation({ summary: '对账单格式列表', description: '本中心按银行保存的对账单列对应（导入时选用）。' })
  @ApiOkResponse({ type: [StatementFormatResponse] })
  listStatementFormats(@Param('centerId', UuidParam) centerId: string): Promise<StatementFormatResponse[]> {
    return this.service.formats(centerId) as Promise<StatementFormatResponse[]>;
  }

  @Post('statement-formats')
  @Permission('bank:operate')
  @ApiOperation({ summary: '保存对账单格式', description: '某银行导出文件的表头名称与日期、收入、支出（或带符号金额）、余额、对方、流水号、摘要的对应。' })
  @ApiCreatedResponse({ type: StatementFormatResponse })
  @ApiExamples(StatementFormatDto, { 工商银行: ICBC_FORMAT, 带符号金额: { bankName: '中国建设银行', name: '账户明细', columns: { date: '记账日期', amount: '交易金额', balance: '账户余额', reference: '凭证号' } } })
  @ApiErrors('STATEMENT_FORMAT_INVALID')
  createStatementFormat(@Param('centerId', UuidParam) centerId: string, @Body() dto: StatementFormatDto, @CurrentActor() actor: Actor): Promise<StatementFormatResponse> {
    return this.service.saveFormat(centerId, null, dto, actor) as Promise<StatementFormatResponse>;
  }

  @Put('statement-formats/:formatId')
  @Permission('bank:operate')
  @ApiOperation({ summary: '修改对账单格式', description: '整体替换一个已保存格式的列对应。' })
  @ApiOkResponse({ type: StatementFormatResponse })
  @ApiExamples(StatementFormatDto, { 工商银行: ICBC_FORMAT })
  @ApiErrors('STATEMENT_FORMAT_INVALID')
  updateStatementFormat(
    @Param('centerId', UuidParam) centerId: string,
    @Param('formatId', UuidParam) formatId: string,
    @Body() dto: StatementFormatDto,
    @CurrentActor() actor: Actor,
  ): Promise<StatementFormatResponse> {
    return this.service.saveFormat(centerId, formatId, dto, actor) as Promise<StatementFormatResponse>;
  }

  @Post('bank-accounts/:id/statements')
  @Permission('bank:operate')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        formatId: { type: 'string', format: 'uuid', description: '所用的对账单格式；不给时按常见表头识别。须在文件之前' },
        file: { type: 'string', format: 'binary', description: '.xlsx 或 .csv（GBK/UTF-8，有无 BOM 均可）' },
      },
    },
  })
  @ApiOperation({
    summary: '导入银行对账单',
    description: '逐行校验并核对余额连续（文件内、与已导入的最后一笔流水衔接）；已导入过的流水自动跳过；导入后自动勾对。',
  })
  @ApiCreatedResponse({ type: ImportResultResponse })
  @ApiErrors('STATEMENT_INVALID', 'STATEMENT_FORMAT_INVALID', 'FILE_UNREADABLE', 'BANK_ACCOUNT_CLOSED')
  async importStatement(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ImportResultResponse> {
    const r = await this.service.import(centerId, id, await readUpload(request), actor);
    return { ...r, statement: presentImport(r.statement) };
  }

  @Get('bank-accounts/:id/statements')
  @Permission('bank:read')
  @ApiOperation({ summary: '对账单导入记录', description: '该统一账户每次导入的文件、行数、新增行数与日期范围，按导入时间倒序。' })
  @ApiPageResponse(StatementImportResponse)
  async listStatements(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() q: PageQuery) {
    const page = await this.service.list(centerId, id, q.page, q.pageSize);
    return { ...page, items: page.items.map(presentImport) };
  }

  @Get('bank-accounts/:id/statement-lines')
  @Permission('bank:read')
  @ApiOperation({ summary: '银行流水', description: '按银行顺序列出已导入的流水；unmatched=true 只列未勾对的。' })
  @ApiPageResponse(BankStatementLineResponse)
  async listStatementLines(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() q: StatementLinesQuery) {
    const page = await this.service.lines(centerId, id, { from: q.from, to: q.to, unmatched: q.unmatched === 'true', page: q.page, pageSize: q.pageSize });
    return { ...page, items: page.items.map((l) => ({ ...presentLine(l), matchId: l.matchId })) };
  }
}

function presentImport(s: StatementImport): StatementImportResponse {
  return { ...s, importedAt: new Date(s.importedAt).toISOString() };
}

function presentLine(l: StoredStatementLine) {
  return { ...l, amountIn: formatAmount(l.amountIn), amountOut: formatAmount(l.amountOut), balance: formatAmount(l.balance) };
}
