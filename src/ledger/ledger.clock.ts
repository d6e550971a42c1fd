import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { todayIn } from '../common/period';

/** "Today" for the books: a date in the ledger's time zone (China), not the server's UTC date. */
@Injectable()
export class LedgerClock {
  /** The ledger's time zone: where a date begins and ends. */
  readonly zone: string;

  constructor(config: ConfigService) {
    this.zone = config.get<string>('LEDGER_TIMEZONE') ?? 'Asia/Shanghai';
  }

  today(): string {
    return todayIn(this.zone);
  }
}
