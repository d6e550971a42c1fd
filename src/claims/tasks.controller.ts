import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyTasksResponse } from './dto/claim-settings-response.dto';
import { Authenticated } from '../auth/permission.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { TasksService } from './tasks.service';

@ApiTags('claims')
@Controller('api/me/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: '我的待办',
    description:
      '按本人授权的步骤列出等待处理的报销单：approvals 待审批（主席）、reviews 待审核并制单（会计）、checks 付款凭证待复核（主任或另一名会计）、' +
      'payments 待付款（出纳）、postings 已付款待记账、returned 被退回（报账员）；本人不能处理的（自己经办、制单或付款的）不列出。',
  })
  @ApiOkResponse({ type: MyTasksResponse })
  getMyTasks(@CurrentPrincipal() principal: Principal): Promise<MyTasksResponse> {
    return this.tasks.forMe(principal);
  }
}
