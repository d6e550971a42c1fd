import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/common.errors';
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
  ) {}

  async list(unionId: string): Promise<Project[]> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.db.manager.getRepository(Project).find({ where: { unionId }, order: { code: 'ASC' } });
  }

  create(unionId: string, dto: CreateProjectDto): Promise<Project> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      return insertEntity(em, Project, { unionId, code: dto.code, name: dto.name.trim(), isActive: true });
    });
  }

  update(unionId: string, code: string, dto: UpdateProjectDto): Promise<Project> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const repo = em.getRepository(Project);
      const project = await repo.findOne({ where: { unionId, code }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw notFound('项目', { code });
      if (dto.name !== undefined) project.name = dto.name.trim();
      if (dto.active !== undefined) project.isActive = dto.active;
      return repo.save(project);
    });
  }
}
