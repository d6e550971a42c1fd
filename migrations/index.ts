import { LedgerCore1795275742106 } from './1795275742106-LedgerCore';

/** Every migration, in order. A new migration is appended here; a shipped one is never edited. */
export const migrations = [LedgerCore1795275742106];
