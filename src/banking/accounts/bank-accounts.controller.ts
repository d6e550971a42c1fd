import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
import { BankAccountsService } from './bank-accounts.service';
import {
  BankAccountResponse,
  CreateBankAccountDto,
  OpenShareDto,
  PooledIntegrityResponse,
  PositionQuery,
  PositionResponse,
  ShareResponse,
  UpdateBankAccountDto,
} from './dto/bank-account.dto';
import { PooledIntegrityService } from './pooled-integrity.service';

const ICBC = { bankName: '中国工商银行', branch: '杭州西湖支行', accountNo: '1202020209000012345', accountName: '某市总工会经费集中核算户', openedOn: '2026-01-01', openingBalance: '0.00' };

/** 统一账户: the center's pooled bank accounts, the unions' shares of them, their position and the Σ check. */
@ApiTags('banking')
@Controller('api/centers/:centerId/bank-accounts')
export class BankAccountsController {
  constructor(
    private readonly service: BankAccountsService,
    private readonly pooled: PooledIntegrityService,
  ) {}

  @Get()
  @Permission('bank:read')
  @ApiOperation({ summary: '统一账户列表', description: '本中心的统一账户：开户信息、状态、是否默认、份额数和账面余额（各工会份额之和）。' })
  @ApiOkResponse({ type: [BankAccountResponse] })
  listBankAccounts(@Param('centerId', UuidParam) centerId: string): Promise<BankAccountResponse[]> {
    return this.service.list(centerId);
  }

  @Post()
  @Permission('bank:manage')
  @ApiOperation({ summary: '登记统一账户', description: '登记中心的另一个统一账户（如另一家银行）；可设为默认。' })
  @ApiCreatedResponse({ type: BankAccountResponse })
  @ApiExamples(CreateBankAccountDto, { 工商银行: ICBC, 建设银行设为默认: { ...ICBC, bankName: '中国建设银行', accountNo: '33050161234500009999', isDefault: true } })
  @ApiErrors('BANK_ACCOUNT_NO_TAKEN')
  createBankAccount(@Param('centerId', UuidParam) centerId: string, @Body() dto: CreateBankAccountDto, @CurrentActor() actor: Actor): Promise<BankAccountResponse> {
    return this.service.create(centerId, dto, actor);
  }

  @Get(':id')
  @Permission('bank:read')
  @ApiOperation({ summary: '统一账户', description: '一个统一账户的开户信息、份额数和账面余额。' })
  @ApiOkResponse({ type: BankAccountResponse })
  getBankAccount(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<BankAccountResponse> {
    return this.service.get(centerId, id);
  }

  @Patch(':id')
  @Permission('bank:manage')
  @ApiOperation({
    summary: '修改统一账户',
    description: '名称随时可改；账号、开户日期和期初余额在导入对账单前可改（二者须一同登记）；isDefault 设为默认；status closed 销户。',
  })
  @ApiOkResponse({ type: BankAccountResponse })
  @ApiExamples(UpdateBankAccountDto, { 登记开户信息: ICBC, 设为默认: { isDefault: true }, 销户: { status: 'closed' } })
  @ApiErrors('BANK_ACCOUNT_LOCKED', 'BANK_ACCOUNT_NOT_REGISTERED', 'BANK_ACCOUNT_CLOSED', 'BANK_ACCOUNT_DEFAULT', 'BANK_ACCOUNT_HAS_BALANCE', 'BANK_ACCOUNT_NO_TAKEN')
  updateBankAccount(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateBankAccountDto,
    @CurrentActor() actor: Actor,
  ): Promise<BankAccountResponse> {
    return this.service.update(centerId, id, dto, actor);
  }

  @Get(':id/shares')
  @Permission('bank:read')
  @ApiOperation({ summary: '统一账户的工会份额', description: '各工会在该账户的份额所对应的银行存款明细科目，以及是否为其默认份额。' })
  @ApiOkResponse({ type: [ShareResponse] })
  listBankAccountShares(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<ShareResponse[]> {
    return this.service.shares(centerId, id);
  }

  @Post(':id/shares')
  @Permission('bank:manage')
  @ApiOperation({ summary: '开设工会份额', description: '为本中心的工会在该账户开设份额（102 下新的明细科目，如 10202），或把已有份额设为该工会的默认份额。' })
  @ApiCreatedResponse({ type: ShareResponse })
  @ApiExamples(OpenShareDto, { 开设并设为默认: { unionId: '01900000-0000-7000-8000-000000000001', isDefault: true } })
  @ApiErrors('BANK_ACCOUNT_CLOSED', 'BANK_SHARE_EXISTS', 'BANK_SHARE_INVALID', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  openBankAccountShare(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: OpenShareDto,
    @CurrentActor() actor: Actor,
  ): Promise<ShareResponse> {
    return this.service.openShare(centerId, id, dto, actor);
  }

  @Get(':id/position')
  @Permission('bank:read')
  @ApiOperation({ summary: '统一账户头寸', description: '截至某日：各工会份额的账面余额、预留、可用及合计；统一账户账面余额；最近一笔已导入银行流水的余额。' })
  @ApiOkResponse({ type: PositionResponse })
  getBankAccountPosition(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() query: PositionQuery): Promise<PositionResponse> {
    return this.service.position(centerId, id, query.date);
  }

  @Get(':id/integrity')
  @Permission('integrity:read')
  @ApiOperation({ summary: '统一账户恒等式复核', description: '逐月复核：由各份额分录和期初余额重算的统一账户账面余额 = 各工会账簿中份额余额之和；并列出没有默认份额的工会。' })
  @ApiOkResponse({ type: PooledIntegrityResponse })
  getBankAccountIntegrity(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<PooledIntegrityResponse> {
    return this.pooled.verify(centerId, id);
  }
}
