import Decimal from 'decimal.js';
import { ValueTransformer } from 'typeorm';

/** numeric(18,2) ⇄ decimal.js. pg hands numerics over as strings, so no value ever passes through a float. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | string | null | undefined) =>
    value === null || value === undefined ? value : new Decimal(value).toFixed(2),
  from: (value: string | null) => (value === null ? null : new Decimal(value)),
};

export const moneyColumn = {
  type: 'numeric' as const,
  precision: 18,
  scale: 2,
  transformer: decimalTransformer,
};
