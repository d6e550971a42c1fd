import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PassThrough } from 'node:stream';
import { Permission } from '../auth/permission.decorator';
import { parsePeriod } from '../common/period';
import { ApiErrors, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { UuidParam } from '../common/http/uuid.pipe';
import { PeriodVouchersPrintQuery, VoucherPrintQuery } from './dto/print.query';
import { PdfWriter, PrintService } from './print.service';

export const PDF = 'application/pdf';

/** 打印: fixed-layout PDF beside the xlsx exports, readable by whoever may read the books. */
@ApiTags('print')
@Controller('api/unions/:unionId')
export class PrintController {
  constructor(private readonly print: PrintService) {}

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
