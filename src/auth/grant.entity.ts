import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Center } from '../unions/center.entity';
import { Union } from '../unions/union.entity';
import { Role } from './permissions';
import { User } from './user.entity';

/** A role held over a scope: everything (system admin), one center, or one union. */
@Entity({ name: 'grants' })
@ForeignKey(() => User, ['userId'], ['id'], { name: 'fk_grants_user' })
@ForeignKey(() => Center, ['centerId'], ['id'], { name: 'fk_grants_center' })
@ForeignKey(() => Union, ['unionId'], ['id'], { name: 'fk_grants_union' })
// unique over (user, role, scope) with NULL scopes compared equal: an expression index, kept by the migration
@Index('uq_grants_scope', { synchronize: false })
@Check('ck_grants_role', `role IN ('system_admin', 'director', 'accountant', 'cashier', 'chair', 'clerk', 'auditor')`)
@Check(
  'ck_grants_scope',
  `(role = 'system_admin' AND center_id IS NULL AND union_id IS NULL)
          OR (role IN ('director', 'accountant', 'cashier') AND center_id IS NOT NULL AND union_id IS NULL)
          OR (role IN ('chair', 'clerk') AND center_id IS NULL AND union_id IS NOT NULL)
          OR (role = 'auditor' AND (center_id IS NULL) <> (union_id IS NULL))`,
)
export class Grant {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_grants' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'center_id', type: 'uuid', nullable: true })
  centerId: string | null;

  @Column({ name: 'union_id', type: 'uuid', nullable: true })
  unionId: string | null;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
