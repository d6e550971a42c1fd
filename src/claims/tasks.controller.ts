import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/permission.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { TasksService } from './tasks.service';

@ApiTags('claims')
@Controller('api/me/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: '我的待办：approvals 待审批（主席）、reviews 待审核（会计）、payments 待支付（出纳）、returned 被退回（报账员）' })
  forMe(@CurrentPrincipal() principal: Principal) {
    return this.tasks.forMe(principal);
  }
}
