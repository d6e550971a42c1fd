/**
 * Base for every coded error in the system. Pure: domain code throws these without knowing about HTTP;
 * the exception filter maps each code to a status exactly once (see error-status.ts).
 */
export abstract class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
