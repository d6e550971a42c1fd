import { types } from 'pg';

/**
 * Accounting dates stay 'YYYY-MM-DD' strings end to end: pg would otherwise turn a `date` into a JS Date at
 * local midnight, which shifts across time zones. numeric already arrives as a string.
 */
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);
