import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { ReconciliationQuery } from '../banking/reconciliation/dto/reconciliation.dto';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { PDF } from './print.controller';
import { ReconciliationPrintService } from './reconciliation-print.service';

/** 打印 for a center: the 余额调节表 of a pooled account, beside its JSON and the pack's xlsx. */
@ApiTags('print')
@Controller('api/centers/:centerId')
export class ReconciliationPrintController {
  constructor(private readonly forms: ReconciliationPrintService) {}

  @Get('bank-accounts/:id/reconciliation.pdf')
  @Permission('bank:read')
  @ApiOperation({
    summary: '打印银行存款余额调节表（PDF）',
    description: '与 GET …/reconciliation 同一数据：单位账面余额与银行对账单余额、四类未达账项及明细、调节后余额（不符时差额红字），会计主管、复核（签认人）、编制人；页脚“第 N 页 共 M 页”。',
  })
  @ApiFileResponse([PDF], '余额调节表 PDF')
  async printReconciliation(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Query() q: ReconciliationQuery,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.forms.pdf(centerId, id, q, actor);
    return new StreamableFile(pdf, { type: PDF, length: pdf.length, disposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }
}
