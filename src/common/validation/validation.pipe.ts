import { ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonError } from '../errors/common.errors';
import { IS_AMOUNT } from './is-amount.decorator';

interface FieldProblem {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): (FieldProblem & { amount: boolean })[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => ({
      field,
      message: name === 'whitelistValidation' ? `不支持的字段 ${field}` : message,
      amount: name === IS_AMOUNT,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * DTO validation for the whole API: unknown fields are refused, every problem is listed in `details.errors`,
 * and a bad amount anywhere makes the code AMOUNT_INVALID so clients can tell it from other input errors.
 */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const amountProblem = problems.find((p) => p.amount);
      const first = amountProblem ?? problems[0];
      return new CommonError(amountProblem ? 'AMOUNT_INVALID' : 'VALIDATION_FAILED', first?.message ?? '请求参数不正确', {
        errors: problems.map(({ field, message }) => ({ field, message })),
      });
    },
  });
}
