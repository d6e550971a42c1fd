import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Union } from '../../unions/union.entity';

/** 项目: the dimension that tags restricted (专项) income and spending and 项目支出. */
@Entity({ name: 'projects' })
@ForeignKey(() => Union, ['unionId'], ['id'], { name: 'fk_projects_union' })
export class Project {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_projects' })
  unionId: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_projects' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
