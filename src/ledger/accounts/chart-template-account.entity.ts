import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The two standard charts of 工会会计制度 (2021), seeded by the first migration; copied into each new union. */
@Entity({ name: 'chart_template_accounts' })
export class ChartTemplateAccount {
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_chart_template_accounts' })
  template: string;

  @PrimaryColumn({ type: 'varchar', length: 9, primaryKeyConstraintName: 'pk_chart_template_accounts' })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: string;

  @Column({ name: 'normal_side', type: 'varchar', length: 6 })
  normalSide: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 9, nullable: true })
  parentCode: string | null;

  @Column({ type: 'smallint' })
  level: number;
}
