import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Database } from '../database/database.service';

/**
 * Migrations are current when every migration this build knows has been applied: a service whose schema
 * lags its code must not take traffic. Migrations newer than the build (a newer process migrated first)
 * are reported, not refused: migrations only add.
 */
@Injectable()
export class MigrationsIndicator {
  constructor(
    private readonly db: Database,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const known = this.db.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    const indicator = this.indicators.check(key);
    let rows: { name: string }[];
    try {
      rows = await this.db.manager.query(`SELECT name FROM migrations`);
    } catch (err) {
      // the database is away: the check is down (the report says why), not a failed request
      return indicator.down({ message: err instanceof Error ? err.message : String(err) });
    }
    const applied = new Set(rows.map((r) => r.name));
    const pending = known.filter((name) => !applied.has(name));
    const details = { applied: applied.size, known: known.length, pending };
    return pending.length === 0 ? indicator.up(details) : indicator.down(details);
  }
}
