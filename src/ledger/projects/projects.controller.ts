import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
import { ProjectCodeParam } from './project-code.pipe';
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
  @ApiOperation({ summary: '项目列表', description: '本工会的项目（专项资金按项目核算），含停用的项目。' })
  @ApiOkResponse({ type: [ProjectResponse] })
  @Permission('chart:read')
  async listProjects(@Param('unionId', UuidParam) unionId: string): Promise<ProjectResponse[]> {
    return (await this.service.list(unionId)).map(present);
  }

  @Post()
  @ApiOperation({ summary: '新建项目', description: '专项资金的收支须注明项目；编码在本工会内唯一。' })
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiExamples(CreateProjectDto, { 职工书屋: { code: 'P2026-01', name: '2026 年职工书屋建设' } })
  @ApiErrors('PROJECT_CODE_TAKEN', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  @Permission('chart:manage')
  async createProject(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return present(await this.service.create(unionId, dto, actor));
  }

  @Patch(':code')
  @ApiOperation({ summary: '修改项目', description: '改名，或停用、启用项目；停用的项目不能再用于凭证。' })
  @ApiOkResponse({ type: ProjectResponse })
  @ApiExamples(UpdateProjectDto, { 停用: { active: false } })
  @ApiErrors('UNION_WITHDRAWN', 'UNION_SUSPENDED')
  @Permission('chart:manage')
  async updateProject(
    @Param('unionId', UuidParam) unionId: string,
    @Param('code', ProjectCodeParam) code: string,
    @Body() dto: UpdateProjectDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectResponse> {
    return present(await this.service.update(unionId, code, dto, actor));
  }
}

function present(p: Project): ProjectResponse {
  return { code: p.code, name: p.name, active: p.isActive };
}
