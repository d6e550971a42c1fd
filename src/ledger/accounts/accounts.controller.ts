import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
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
  @ApiOperation({ summary: '会计科目表', description: '本工会的全部科目（标准科目与自设明细科目），按编码排序，含科目路径、级次、是否末级与停用。' })
  @ApiOkResponse({ type: [AccountResponse] })
  @Permission('chart:read')
  async listAccounts(@Param('unionId', UuidParam) unionId: string): Promise<AccountResponse[]> {
    return presentAccounts(await this.service.list(unionId));
  }

  @Post()
  @ApiOperation({
    summary: '增设明细科目',
    description: '在上级科目下增设明细科目，编码为上级编码加两位；已有发生额的末级科目不能再设下级。',
  })
  @ApiCreatedResponse({ type: AccountResponse, description: '新科目' })
  @ApiExamples(CreateAccountDto, { 会员活动支出下设节日慰问: { parentCode: '50105', code: '5010501', name: '节日慰问' } })
  @ApiErrors('ACCOUNT_NOT_FOUND', 'ACCOUNT_CODE_INVALID', 'ACCOUNT_LEVEL_EXCEEDED', 'ACCOUNT_CODE_TAKEN', 'ACCOUNT_HAS_POSTINGS', 'ACCOUNT_IS_POOLED_SHARE', 'UNION_WITHDRAWN', 'UNION_SUSPENDED', 'ACCOUNT_RESERVED_FOR_CLOSING')
  @Permission('chart:manage')
  async createAccount(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateAccountDto, @CurrentActor() actor: Actor): Promise<AccountResponse> {
    const account = await this.service.create(unionId, dto, actor);
    return this.presentOne(unionId, account.code);
  }

  @Patch(':code')
  @ApiOperation({ summary: '修改科目', description: '自设明细科目可改名；末级科目可停用或启用，有余额的科目不能停用。' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiExamples(UpdateAccountDto, { 改名: { name: '节日慰问品' }, 停用: { active: false } })
  @ApiErrors('ACCOUNT_STANDARD', 'ACCOUNT_NOT_LEAF', 'ACCOUNT_HAS_BALANCE', 'ACCOUNT_IS_POOLED_SHARE', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  @Permission('chart:manage')
  async updateAccount(
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
  @ApiOperation({ summary: '删除自设科目', description: '只能删除没有下级、没有发生额和余额的自设明细科目；标准科目不能删除。' })
  @ApiNoContentResponse({ description: '已删除' })
  @ApiErrors('ACCOUNT_STANDARD', 'ACCOUNT_HAS_CHILDREN', 'ACCOUNT_HAS_POSTINGS', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  @Permission('chart:manage')
  deleteAccount(@Param('unionId', UuidParam) unionId: string, @Param('code', AccountCodeParam) code: string, @CurrentActor() actor: Actor): Promise<void> {
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
