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
    const rows: { name: string }[] = await this.db.manager.query(`SELECT name FROM migrations`);
    const applied = new Set(rows.map((r) => r.name));
    const pending = known.filter((name) => !applied.has(name));
    const indicator = this.indicators.check(key);
    const details = { applied: applied.size, known: known.length, pending };
    return pending.length === 0 ? indicator.up(details) : indicator.down(details);
  }
}
