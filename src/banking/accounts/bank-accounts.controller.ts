import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { BankAccountsService } from './bank-accounts.service';
import {
  BankAccountResponse,
  CreateBankAccountDto,
  OpenShareDto,
  PositionQuery,
  PositionResponse,
  ShareResponse,
  UpdateBankAccountDto,
} from './dto/bank-account.dto';
import { PooledIntegrityReport, PooledIntegrityService } from './pooled-integrity.service';

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
  @ApiOkResponse({ type: [BankAccountResponse] })
  list(@Param('centerId', UuidParam) centerId: string): Promise<BankAccountResponse[]> {
    return this.service.list(centerId);
  }

  @Post()
  @Permission('bank:manage')
  @ApiCreatedResponse({ type: BankAccountResponse, description: '登记统一账户' })
  create(@Param('centerId', UuidParam) centerId: string, @Body() dto: CreateBankAccountDto, @CurrentActor() actor: Actor): Promise<BankAccountResponse> {
    return this.service.create(centerId, dto, actor);
  }

  @Get(':id')
  @Permission('bank:read')
  @ApiOkResponse({ type: BankAccountResponse })
  get(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<BankAccountResponse> {
    return this.service.get(centerId, id);
  }

  @Patch(':id')
  @Permission('bank:manage')
  @ApiOkResponse({ type: BankAccountResponse, description: '修改、登记期初、设为默认或销户' })
  update(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateBankAccountDto,
    @CurrentActor() actor: Actor,
  ): Promise<BankAccountResponse> {
    return this.service.update(centerId, id, dto, actor);
  }

  @Get(':id/shares')
  @Permission('bank:read')
  @ApiOkResponse({ type: [ShareResponse], description: '各工会在该账户的份额科目' })
  shares(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<ShareResponse[]> {
    return this.service.shares(centerId, id);
  }

  @Post(':id/shares')
  @Permission('bank:manage')
  @ApiCreatedResponse({ type: ShareResponse, description: '为工会开设在该账户的份额（102 下新明细科目），或设为其默认份额' })
  openShare(
    @Param('centerId', UuidParam) centerId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: OpenShareDto,
    @CurrentActor() actor: Actor,
  ): Promise<ShareResponse> {
    return this.service.openShare(centerId, id, dto, actor);
  }

  @Get(':id/position')
  @Permission('bank:read')
  @ApiOkResponse({ type: PositionResponse, description: '截至某日各工会份额余额、预留、可用，统一账户账面余额与最近银行余额' })
  position(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() query: PositionQuery): Promise<PositionResponse> {
    return this.service.position(centerId, id, query.date);
  }

  @Get(':id/integrity')
  @Permission('integrity:read')
  @ApiOkResponse({ description: '恒等式复核：统一账户账面余额（由各份额分录重算）= 各工会份额余额之和，逐月' })
  integrity(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<PooledIntegrityReport> {
    return this.pooled.verify(centerId, id);
  }
}
