import { Injectable, OnApplicationShutdown } from '@nestjs/common';

/**
 * Background exports run one at a time in this process: an export holds one connection and a core for as
 * long as it writes, and postings must not wait behind several of them.
 */
@Injectable()
export class ExportQueue implements OnApplicationShutdown {
  private tail: Promise<void> = Promise.resolve();

  enqueue(work: () => Promise<void>): void {
    this.tail = this.tail.then(work).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tail;
  }
}
