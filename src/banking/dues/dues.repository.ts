import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { DuesMember } from '../domain/dues-roll.rules';

export interface DuesRoll {
  id: string;
  unionId: string;
  period: number;
  members: number;
  total: Decimal;
  /** the month's dues received so far (see receivedSql), whichever roll they cite */
  received: Decimal;
  rule: Record<string, string>;
  fileSha256: string | null;
  createdByName: string;
  createdAt: Date;
}

type Row = Omit<DuesRoll, 'total' | 'received'> & { total: string; received: string };

/**
 * The dues received for a union's month: its dues receipts not cancelled, posted or waiting to be posted (one
 * definition for the center's view and a union's rolls).
 */
const receivedSql = (unionId: string, period: string) =>
  `coalesce((SELECT sum(x.amount) FROM receipts x
              WHERE x.union_id = ${unionId} AND x.kind = 'dues' AND x.dues_period = ${period} AND x.cancelled_at IS NULL
                AND (EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = x.union_id AND v.id = x.voucher_id)
                     OR EXISTS (SELECT 1 FROM voucher_drafts d WHERE d.union_id = x.union_id AND d.id = x.voucher_id))), 0)`;

const COLUMNS = `r.id, r.union_id AS "unionId", r.period, r.members, r.total, ${receivedSql('r.union_id', 'r.period')} AS received, r.rule,
  r.file_sha256 AS "fileSha256", r.created_by_name AS "createdByName", r.created_at AS "createdAt"`;
const toRoll = (r: Row): DuesRoll => ({ ...r, total: new Decimal(r.total), received: new Decimal(r.received) });

/** 会费名册: a union's members, wage bases and dues for a month, as imported (append-only). */
@Injectable()
export class DuesRepository {
  async insert(
    em: EntityManager,
    roll: Omit<DuesRoll, 'createdAt' | 'createdByName' | 'members' | 'received'> & { createdBy: string | null; createdByName: string },
    members: DuesMember[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO dues_rolls (union_id, id, period, members, total, rule, file_sha256, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [roll.unionId, roll.id, roll.period, members.length, roll.total.toFixed(2), JSON.stringify(roll.rule), roll.fileSha256, roll.createdBy, roll.createdByName],
    );
    await em.query(
      `INSERT INTO dues_roll_members (union_id, roll_id, line_no, member_no, name, wage, base, dues)
       SELECT $1, $2, n, m, nm, w, b, d FROM unnest($3::int[], $4::varchar[], $5::varchar[], $6::numeric[], $7::numeric[], $8::numeric[]) AS x(n, m, nm, w, b, d)`,
      [
        roll.unionId,
        roll.id,
        members.map((_, i) => i + 1),
        members.map((m) => m.memberNo),
        members.map((m) => m.name),
        members.map((m) => m.wage.toFixed(2)),
        members.map((m) => m.base.toFixed(2)),
        members.map((m) => m.dues.toFixed(2)),
      ],
    );
  }

  async find(em: EntityManager, unionId: string, id: string): Promise<DuesRoll | undefined> {
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} FROM dues_rolls r WHERE r.union_id = $1 AND r.id = $2`, [unionId, id]);
    return rows[0] && toRoll(rows[0]);
  }

  async list(em: EntityManager, unionId: string, period: number | undefined): Promise<DuesRoll[]> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM dues_rolls r WHERE r.union_id = $1 AND ($2::int IS NULL OR r.period = $2) ORDER BY r.period DESC, r.created_at DESC`,
      [unionId, period ?? null],
    );
    return rows.map(toRoll);
  }

  members(em: EntityManager, unionId: string, rollId: string): Promise<{ lineNo: number; memberNo: string | null; name: string; wage: string; base: string; dues: string }[]> {
    return em.query(
      `SELECT line_no AS "lineNo", member_no AS "memberNo", name, wage, base, dues FROM dues_roll_members
        WHERE union_id = $1 AND roll_id = $2 ORDER BY line_no`,
      [unionId, rollId],
    );
  }

  /**
   * 会费情况 of a center for a month: per union, its latest roll (members, dues due) and the dues received
   * (receipts of that month's dues, posted or waiting to be posted).
   */
  centerSummary(em: EntityManager, centerId: string, period: number) {
    return em.query(
      `SELECT u.id AS "unionId", u.code, u.name, r.id AS "rollId", r.members, r.total AS due,
              ${receivedSql('u.id', '$2')} AS received,
              (SELECT max(x.dues_members) FROM receipts x
                WHERE x.union_id = u.id AND x.kind = 'dues' AND x.dues_period = $2 AND x.cancelled_at IS NULL) AS "receivedMembers"
         FROM unions u
         LEFT JOIN LATERAL (SELECT * FROM dues_rolls d WHERE d.union_id = u.id AND d.period = $2 ORDER BY d.created_at DESC LIMIT 1) r ON true
        WHERE u.center_id = $1
        ORDER BY u.code`,
      [centerId, period],
    ) as Promise<{ unionId: string; code: string; name: string; rollId: string | null; members: number | null; due: string | null; received: string; receivedMembers: number | null }[]>;
  }
}
