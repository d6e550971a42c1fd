import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The last record of each chain of each union; its row lock serializes appends. */
@Entity({ name: 'chain_heads' })
@Check('ck_chain_heads_chain', `chain IN ('audit', 'vouchers')`)
export class ChainHead {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_chain_heads' })
  unionId: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_chain_heads' })
  chain: 'audit' | 'vouchers';

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

/** Each posted voucher's place in its union's chain: SHA-256 over the previous hash and its content. */
@Entity({ name: 'voucher_chain' })
@Unique('uq_voucher_chain_voucher', ['unionId', 'voucherId'])
export class VoucherChainLink {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_chain' })
  unionId: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_voucher_chain' })
  seq: string;

  @Column({ name: 'voucher_id', type: 'uuid' })
  voucherId: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
