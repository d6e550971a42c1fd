import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PassThrough } from 'node:stream';
import { Permission } from '../auth/permission.decorator';
import { parsePeriod } from '../common/period';
import { ApiErrors, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { UuidParam } from '../common/http/uuid.pipe';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { BooksPrintService } from './books-print.service';
import { ClaimPrintService } from './claim-print.service';
import { BookPrintQuery, PeriodVouchersPrintQuery, VoucherPrintQuery } from './dto/print.query';
import { PdfWriter, PrintService } from './print.service';

export const PDF = 'application/pdf';

/** 打印: fixed-layout PDF beside the xlsx exports, readable by whoever may read the books. */
@ApiTags('print')
@Controller('api/unions/:unionId')
export class PrintController {
  constructor(
    private readonly print: PrintService,
    private readonly books: BooksPrintService,
    private readonly claims: ClaimPrintService,
  ) {}

  @Get('claims/:id.pdf')
  @Permission('claims:read')
  @ApiOperation({
    summary: '打印支出审批单（PDF）',
    description: '一张报销单的审批单：单位、单号、经办人、类别与事由、收款人及账号、明细与合计（大写）、受益会员、附单据张数、审核规则结果、审批记录（经手人、角色、时间、意见）、集体研究决定、中心审核、付款凭证号。',
  })
  @ApiFileResponse([PDF], '支出审批单 PDF')
  async claim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { fileName, pdf } = await this.claims.pdf(unionId, id);
    return new StreamableFile(pdf, { type: PDF, length: pdf.length, disposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }

  @Get('books.pdf')
  @Permission('exports:create')
  @ApiOperation({
    summary: '打印账簿、报表（PDF）',
    description: '与 Excel 导出同一读数、同一行：科目余额表、总账、明细账（本月合计、本年累计）、日记账、01表/02表、支出审批单等；A4 横向，每页重复表头，金额右对齐，红字金额为红色，页脚“第 N 页 共 M 页”。',
  })
  @ApiFileResponse([PDF], '账表 PDF')
  @ApiErrors('PERIOD_RANGE_INVALID', 'EXPORT_TOO_LARGE_FOR_DIRECT')
  async book(@Param('unionId', UuidParam) unionId: string, @Query() q: BookPrintQuery, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { fileName, write } = await this.books.prepareBook(unionId, q, actor);
    return stream(write, fileName);
  }


  @Get('vouchers.pdf')
  @Permission('books:read')
  @ApiOperation({
    summary: '打印一个月的记账凭证（PDF）',
    description: '该月全部已过账凭证按凭证号排列（收、付、转分别连续），前附装订封面（单位、期间、凭证种类、起止号、张数、附件数）；A4 每页两张或 240×140 mm 凭证纸。',
  })
  @ApiFileResponse([PDF], '凭证 PDF')
  @ApiErrors('PRINT_NOTHING')
  async periodVouchers(@Param('unionId', UuidParam) unionId: string, @Query() q: PeriodVouchersPrintQuery): Promise<StreamableFile> {
    const write = await this.print.preparePeriodVouchers(unionId, { period: parsePeriod(q.period), type: q.type, layout: q.layout });
    return stream(write, `记账凭证-${q.period}${q.type ? `-${q.type}` : ''}.pdf`);
  }

  @Get('vouchers/:id.pdf')
  @Permission('books:read')
  @ApiOperation({ summary: '打印记账凭证（PDF）', description: '一张已过账凭证的打印件：大写合计、附单据张数、签章栏（会计主管、记账、审核、出纳、制单）；分录多时分页并标分数编号。' })
  @ApiFileResponse([PDF], '凭证 PDF')
  @ApiErrors('PRINT_NOT_POSTED')
  async voucher(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Query() q: VoucherPrintQuery): Promise<StreamableFile> {
    return stream(await this.print.prepareVoucher(unionId, id, { layout: q.layout }), `记账凭证-${id}.pdf`);
  }
}

/** The PDF streamed as it is written; a failure half-way aborts the response rather than sending a truncated file as whole. */
export function stream(write: PdfWriter<unknown>, fileName: string): StreamableFile {
  const out = new PassThrough();
  write(out).catch((err: Error) => out.destroy(err));
  return new StreamableFile(out, { type: PDF, disposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}` });
}
