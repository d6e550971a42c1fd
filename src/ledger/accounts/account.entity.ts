import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Union } from '../../unions/union.entity';
import { AccountCategory, NormalSide } from '../domain/account-rules';

@Entity({ name: 'accounts' })
@ForeignKey(() => Union, ['unionId'], ['id'], { name: 'fk_accounts_union' })
@ForeignKey(() => Account, ['unionId', 'parentCode'], ['unionId', 'code'], { name: 'fk_accounts_parent' })
@Check('ck_accounts_code', `code ~ '^[0-9]{3}([0-9]{2}){0,3}$' AND length(code) = 1 + 2 * level`)
@Check('ck_accounts_parent', `(level = 1) = (parent_code IS NULL)`)
@Check('ck_accounts_category', `category IN ('asset', 'liability', 'net_assets', 'income', 'expense')`)
@Check('ck_accounts_normal_side', `normal_side IN ('debit', 'credit')`)
export class Account {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_accounts' })
  unionId: string;

  @PrimaryColumn({ type: 'varchar', length: 9, primaryKeyConstraintName: 'pk_accounts' })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: AccountCategory;

  @Column({ name: 'normal_side', type: 'varchar', length: 6 })
  normalSide: NormalSide;

  @Column({ name: 'parent_code', type: 'varchar', length: 9, nullable: true })
  parentCode: string | null;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ name: 'is_standard', type: 'boolean' })
  isStandard: boolean;

  @Column({ name: 'is_leaf', type: 'boolean', default: true })
  isLeaf: boolean;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
