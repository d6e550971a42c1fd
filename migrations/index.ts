import { ChartTemplates1795275742100 } from './1795275742100-ChartTemplates';
import { LedgerSchema1795275742106 } from './1795275742106-LedgerSchema';
import { LedgerGuards1795275742107 } from './1795275742107-LedgerGuards';
import { IdentityAndAudit1795290000000 } from './1795290000000-IdentityAndAudit';
import { FundsGuard1795300000000 } from './1795300000000-FundsGuard';
import { Claims1795310000000 } from './1795310000000-Claims';
import { ExportJobs1795320000000 } from './1795320000000-ExportJobs';
import { LeastPrivilege1795330000000 } from './1795330000000-LeastPrivilege';
import { NumberingAndFundsGuards1795340000000 } from './1795340000000-NumberingAndFundsGuards';

/** Every migration, in order. A new migration is appended here; a shipped one is never edited. */
export const migrations = [
  ChartTemplates1795275742100,
  LedgerSchema1795275742106,
  LedgerGuards1795275742107,
  IdentityAndAudit1795290000000,
  FundsGuard1795300000000,
  Claims1795310000000,
  ExportJobs1795320000000,
  LeastPrivilege1795330000000,
  NumberingAndFundsGuards1795340000000,
];
