import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { AccountCodeParam } from '../../common/http/account-code.pipe';
import { Account } from './account.entity';
import { AccountsService } from './accounts.service';
import { AccountResponse, CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('accounts')
@Controller('api/unions/:unionId/accounts')
export class AccountsController {
  constructor(private readonly service: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: [AccountResponse] })
  @Permission('chart:read')
  async list(@Param('unionId', UuidParam) unionId: string): Promise<AccountResponse[]> {
    return presentAccounts(await this.service.list(unionId));
  }

  @Post()
  @ApiCreatedResponse({ type: AccountResponse, description: '增设明细科目' })
  @Permission('chart:manage')
  async create(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateAccountDto, @CurrentActor() actor: Actor): Promise<AccountResponse> {
    const account = await this.service.create(unionId, dto, actor);
    return this.presentOne(unionId, account.code);
  }

  @Patch(':code')
  @ApiOkResponse({ type: AccountResponse })
  @Permission('chart:manage')
  async update(
    @Param('unionId', UuidParam) unionId: string,
    @Param('code', AccountCodeParam) code: string,
    @Body() dto: UpdateAccountDto,
    @CurrentActor() actor: Actor,
  ): Promise<AccountResponse> {
    await this.service.update(unionId, code, dto, actor);
    return this.presentOne(unionId, code);
  }

  private async presentOne(unionId: string, code: string): Promise<AccountResponse> {
    return presentAccounts(await this.service.list(unionId)).find((a) => a.code === code)!;
  }

  @Delete(':code')
  @HttpCode(204)
  @Permission('chart:manage')
  remove(@Param('unionId', UuidParam) unionId: string, @Param('code', AccountCodeParam) code: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(unionId, code, actor);
  }
}

function presentAccounts(accounts: Account[]): AccountResponse[] {
  const names = new Map(accounts.map((a) => [a.code, a.name]));
  const path = (code: string): string => {
    const parts: string[] = [];
    for (let n = 3; n <= code.length; n += 2) parts.push(names.get(code.slice(0, n)) ?? code.slice(0, n));
    return parts.join('—');
  };
  return accounts.map((a) => present(a, path(a.code)));
}

function present(a: Account, path: string): AccountResponse {
  return {
    code: a.code,
    name: a.name,
    path,
    category: a.category,
    normalSide: a.normalSide,
    parentCode: a.parentCode,
    level: a.level,
    standard: a.isStandard,
    leaf: a.isLeaf,
    active: a.isActive,
  };
}
