import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { formatPeriod, parsePeriod, PERIOD_PATTERN } from '../../common/period';
import { Database } from '../../database/database.service';
import { BankingError } from '../banking.errors';
import { buildDuesRoll, DUES_COLUMNS } from '../domain/dues-roll.rules';
import { rowsRefused } from '../domain/row-problems';
import { findHeader, isBlank } from '../domain/columns';
import { readTable } from '../files/table-file';
import { Upload } from '../files/upload';
import { BankSettingsRepository } from '../settings/bank-settings.repository';
import { DuesRollResponse } from './dto/dues.dto';
import { DuesRepository, DuesRoll } from './dues.repository';

const MAX_MEMBERS = 20000;

/**
 * 会费名册: a union's members and wage bases for a month, imported from a sheet; each member's dues by the
 * center's rule (brief §5). The whole file is checked first: a roll with any bad row is refused, every row's
 * problem listed. A dues receipt may then cite the roll (its amount must be the roll's total).
 */
@Injectable()
export class DuesService {
  constructor(
    private readonly db: Database,
    private readonly dues: DuesRepository,
    private readonly settings: BankSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async importRoll(unionId: string, upload: Upload, actor: Actor) {
    const periodText = upload.fields.period;
    if (!periodText || !PERIOD_PATTERN.test(periodText)) throw new BankingError('DUES_ROLL_INVALID', '请在文件之前填写会费所属月份 period（YYYY-MM）');
    const table = await readTable(upload.content, { maxRows: MAX_MEMBERS + 50 });
    const header = findHeader(table.rows, DUES_COLUMNS, ['name', 'wage']);
    if (!header) throw new BankingError('DUES_ROLL_INVALID', '找不到表头：须有“姓名”和“工资基数”（或“月工资”）列，可另有“会员编号”');
    const rows = table.rows
      .map((cells, i) => ({ row: i + 1, cells }))
      .slice(header.row + 1)
      .filter((r) => !isBlank(r.cells));
    if (rows.length === 0) throw new BankingError('DUES_ROLL_INVALID', '名册中没有会员');
    return this.db.transaction(async (em) => {
      const settings = await this.settings.ofUnion(em, unionId);
      const roll = buildDuesRoll(rows, header.columns, settings.dues);
      if (roll.problems.length > 0) throw rowsRefused('DUES_ROLL_INVALID', '会费名册', roll.problems);
      const id = uuidv7();
      const rule = {
        ratio: settings.dues.ratio.toString(),
        baseUnit: settings.dues.baseUnit.toFixed(2),
        roundTo: settings.dues.roundTo,
        rounding: settings.dues.rounding,
      };
      const sha256 = createHash('sha256').update(upload.content).digest('hex');
      await this.dues.insert(
        em,
        { id, unionId, period: parsePeriod(periodText), total: roll.total, rule, fileSha256: sha256, createdBy: actor.id, createdByName: actor.name },
        roll.members,
      );
      await this.audit.record(em, actor, [
        { unionId, action: 'dues-roll.import', entityType: 'dues-roll', entityId: id, after: { period: periodText, members: roll.members.length, total: roll.total.toFixed(2), rule, sha256 } },
      ]);
      return this.read(em, unionId, id);
    });
  }

  async list(unionId: string, period: string | undefined) {
    const rolls = await this.dues.list(this.db.manager, unionId, period ? parsePeriod(period) : undefined);
    return rolls.map((r) => present(r));
  }

  get(unionId: string, id: string) {
    return this.read(this.db.manager, unionId, id);
  }

  /** Each union of the center for a month: its roll (members, dues due) and the dues received. */
  async centerSummary(centerId: string, period: string) {
    const rows = await this.dues.centerSummary(this.db.manager, centerId, parsePeriod(period));
    return rows.map((r) => ({
      unionId: r.unionId,
      code: r.code,
      name: r.name,
      rollId: r.rollId,
      members: r.members ?? r.receivedMembers,
      due: r.due,
      received: new Decimal(r.received).toFixed(2),
      difference: r.due === null ? null : new Decimal(r.due).minus(r.received).toFixed(2),
    }));
  }

  private async read(em: EntityManager, unionId: string, id: string) {
    const roll = await this.dues.find(em, unionId, id);
    if (!roll) throw notFound('会费名册', { rollId: id });
    return { ...present(roll), lines: await this.dues.members(em, unionId, id) };
  }
}

function present(r: DuesRoll): DuesRollResponse {
  return {
    id: r.id,
    unionId: r.unionId,
    period: formatPeriod(r.period),
    members: r.members,
    total: r.total.toFixed(2),
    received: r.received.toFixed(2),
    difference: r.total.minus(r.received).toFixed(2),
    rule: r.rule as unknown as DuesRollResponse['rule'],
    fileSha256: r.fileSha256,
    createdBy: r.createdByName,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
