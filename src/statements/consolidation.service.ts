import { Injectable } from '@nestjs/common';
import { ConsolidatedStatementQuery, ConsolidatedStatementResponse } from './dto/statement.dto';
import { StatementReader, targetOf } from './statement-reader';
import { StatementKind } from './statements.repository';
import { StatementsService } from './statements.service';

/**
 * 汇总: a statement summed over all unions of a center (or those named), with the unions whose month is not
 * closed and those whose balance sheet does not balance (StatementReader.consolidated), in one snapshot.
 */
@Injectable()
export class ConsolidationService {
  constructor(
    private readonly statements: StatementsService,
    private readonly reader: StatementReader,
  ) {}

  statement(kind: StatementKind, centerId: string, q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    const t = targetOf(kind, q);
    return this.statements.read((em) => this.reader.consolidated(em, centerId, q.unionIds ?? null, t));
  }
}
