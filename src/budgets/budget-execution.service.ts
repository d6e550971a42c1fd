import { Injectable } from '@nestjs/common';
import { CommonError } from '../common/errors/common.errors';
import { parsePeriod } from '../common/period';
import { BooksRepository } from '../ledger/books.repository';
import { StatementsService } from '../statements/statements.service';
import { readBudgetExecution } from './budget-execution.reader';
import { BudgetsRepository } from './budgets.repository';
import { BudgetExecutionResponse } from './dto/budget.dto';

/** 预算执行情况: budget, posted, reserved, remaining and % used per budget line and month. */
@Injectable()
export class BudgetExecutionService {
  constructor(
    private readonly books: BooksRepository,
    private readonly budgets: BudgetsRepository,
    private readonly statements: StatementsService,
  ) {}

  async execution(unionId: string, year: number, throughText?: string): Promise<BudgetExecutionResponse> {
    const through = throughText ? parsePeriod(throughText) : year * 100 + 12;
    if (Math.floor(through / 100) !== year) throw new CommonError('VALIDATION_FAILED', `截至月份应在 ${year} 年内`);
    return this.statements.read(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: false });
      return readBudgetExecution(em, this.budgets, unionId, year, through);
    });
  }
}
