import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/** 工会经费集中核算服务中心: keeps the books of many grassroots unions. */
@Entity({ name: 'centers' })
@Unique('uq_centers_code', ['code'])
export class Center {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_centers' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
