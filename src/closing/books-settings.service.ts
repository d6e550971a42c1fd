import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { BooksSettings, ClosingRepository } from './closing.repository';
import { BooksSettingsDto } from './dto/closing.dto';

/** A center's choices about closing (monthly or yearly 期末结转) and budget control (off, warn, block). */
@Injectable()
export class BooksSettingsService {
  constructor(
    private readonly db: Database,
    private readonly closing: ClosingRepository,
    private readonly audit: AuditService,
  ) {}

  async get(centerId: string) {
    return present(await this.closing.settings(this.db.manager, centerId));
  }

  save(centerId: string, dto: BooksSettingsDto, actor: Actor) {
    return this.db.transaction(async (em) => {
      const before = await this.closing.settings(em, centerId);
      await this.closing.saveSettings(em, centerId, dto, actor.id);
      await this.audit.record(em, actor, [
        {
          unionId: null,
          action: 'books.settings',
          entityType: 'center',
          entityId: centerId,
          before: { closingMode: before.closingMode, budgetControl: before.budgetControl },
          after: { closingMode: dto.closingMode, budgetControl: dto.budgetControl },
        },
      ]);
      return present(await this.closing.settings(em, centerId));
    });
  }
}

function present(s: BooksSettings) {
  return { centerId: s.centerId, closingMode: s.closingMode, budgetControl: s.budgetControl, updatedAt: s.updatedAt ? new Date(s.updatedAt).toISOString() : null };
}
