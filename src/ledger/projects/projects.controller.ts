import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { CreateProjectDto, ProjectResponse, UpdateProjectDto } from './dto/project.dto';
import { Project } from './project.entity';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('api/unions/:unionId/projects')
export class ProjectsController {
  constructor(private readonly service: ProjectsService) {}

  @Get()
  @ApiOkResponse({ type: [ProjectResponse] })
  @Permission('chart:read')
  async list(@Param('unionId', UuidParam) unionId: string): Promise<ProjectResponse[]> {
    return (await this.service.list(unionId)).map(present);
  }

  @Post()
  @ApiCreatedResponse({ type: ProjectResponse })
  @Permission('chart:manage')
  async create(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return present(await this.service.create(unionId, dto, actor));
  }

  @Patch(':code')
  @ApiOkResponse({ type: ProjectResponse })
  @Permission('chart:manage')
  async update(
    @Param('unionId', UuidParam) unionId: string,
    @Param('code') code: string,
    @Body() dto: UpdateProjectDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectResponse> {
    return present(await this.service.update(unionId, code, dto, actor));
  }
}

function present(p: Project): ProjectResponse {
  return { code: p.code, name: p.name, active: p.isActive };
}
