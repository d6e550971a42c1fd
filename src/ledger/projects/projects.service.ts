import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/common.errors';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { insertEntity } from '../../database/insert-entity';
import { BooksRepository } from '../books.repository';
import { CreateProjectDto, UpdateProjectDto } from './dto/project.dto';
import { Project } from './project.entity';

/** Projects of a union (项目辅助核算). Restricted income and spending must name one. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(unionId: string): Promise<Project[]> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.db.manager.getRepository(Project).find({ where: { unionId }, order: { code: 'ASC' } });
  }

  create(unionId: string, dto: CreateProjectDto, actor: Actor): Promise<Project> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const project = await insertEntity(em, Project, { unionId, code: dto.code, name: dto.name.trim(), isActive: true });
      await this.audit.record(em, actor, [{ unionId, action: 'project.create', entityType: 'project', entityId: project.code, after: dto }]);
      return project;
    });
  }

  update(unionId: string, code: string, dto: UpdateProjectDto, actor: Actor): Promise<Project> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const repo = em.getRepository(Project);
      const project = await repo.findOne({ where: { unionId, code }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw notFound('项目', { code });
      const before = { name: project.name, active: project.isActive };
      if (dto.name !== undefined) project.name = dto.name.trim();
      if (dto.active !== undefined) project.isActive = dto.active;
      const saved = await repo.save(project);
      await this.audit.record(em, actor, [
        { unionId, action: 'project.update', entityType: 'project', entityId: code, before, after: { name: saved.name, active: saved.isActive } },
      ]);
      return saved;
    });
  }
}
