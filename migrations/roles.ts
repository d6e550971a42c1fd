import { QueryRunner } from 'typeorm';

/**
 * The two database roles (docs/integrity.md, docs/architecture.md):
 * - OWNER_ROLE owns the schema: every table, trigger and function. Migrations run as it, and only as it.
 * - SERVICE_ROLE is what the running service logs in as. It owns nothing, so it cannot disable a trigger,
 *   replace a function or alter a table; it may SELECT and INSERT on every table (default privileges) and
 *   UPDATE or DELETE only where a migration says so with `allowServiceChanges`.
 * Trigger functions that write tables the service may not write (balances, counters, chains) run as the
 * owner: `runAsOwner`.
 */
export const OWNER_ROLE = 'ledger_owner';
export const SERVICE_ROLE = 'ledger_service';

/** The search path every function that reads or writes a table runs with: our schema first, temp last. */
export const FUNCTION_SEARCH_PATH = 'public, pg_temp';

const IDENT = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

/**
 * Lets the service change rows of a table that is not append-only: UPDATE of every column or of the listed
 * columns only, and/or DELETE. Tables not named here stay SELECT + INSERT for the service.
 */
export async function allowServiceChanges(
  q: QueryRunner,
  table: string,
  changes: { update?: true | string[]; delete?: true },
): Promise<void> {
  if (changes.update === true) await q.query(`GRANT UPDATE ON ${ident(table)} TO ${SERVICE_ROLE}`);
  else if (changes.update) await q.query(`GRANT UPDATE (${changes.update.map(ident).join(', ')}) ON ${ident(table)} TO ${SERVICE_ROLE}`);
  if (changes.delete) await q.query(`GRANT DELETE ON ${ident(table)} TO ${SERVICE_ROLE}`);
}

/** Undoes allowServiceChanges (for a migration's down). */
export async function revokeServiceChanges(q: QueryRunner, table: string): Promise<void> {
  await q.query(`REVOKE UPDATE, DELETE ON ${ident(table)} FROM ${SERVICE_ROLE}`);
}

/**
 * A function (usually a trigger function) that must write what the service may not: it runs with the
 * owner's rights (SECURITY DEFINER), with a fixed search path (a temporary table cannot stand in for one of
 * ours), and nobody but the owner may call it directly. `signature` as in ALTER FUNCTION: `name(argtypes)`.
 */
export async function runAsOwner(q: QueryRunner, signature: string): Promise<void> {
  await q.query(`ALTER FUNCTION ${signature} SECURITY DEFINER SET search_path = ${FUNCTION_SEARCH_PATH}`);
  await q.query(`REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`);
}

/** Undoes runAsOwner. */
export async function runAsCaller(q: QueryRunner, signature: string): Promise<void> {
  await q.query(`ALTER FUNCTION ${signature} SECURITY INVOKER RESET search_path`);
  await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO PUBLIC`);
}
