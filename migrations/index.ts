import { ChartTemplates1795275742100 } from './1795275742100-ChartTemplates';
import { LedgerSchema1795275742106 } from './1795275742106-LedgerSchema';
import { LedgerGuards1795275742107 } from './1795275742107-LedgerGuards';
import { IdentityAndAudit1795290000000 } from './1795290000000-IdentityAndAudit';
import { FundsGuard1795300000000 } from './1795300000000-FundsGuard';
import { Claims1795310000000 } from './1795310000000-Claims';
import { ExportJobs1795320000000 } from './1795320000000-ExportJobs';
import { LeastPrivilege1795330000000 } from './1795330000000-LeastPrivilege';
import { BooksChain1795331000000 } from './1795331000000-BooksChain';
import { UnionLedIndexes1795332000000 } from './1795332000000-UnionLedIndexes';
import { NumberingAndFundsGuards1795340000000 } from './1795340000000-NumberingAndFundsGuards';
import { VoucherPeopleAndReversalDrafts1795341000000 } from './1795341000000-VoucherPeopleAndReversalDrafts';
import { ClaimPaymentSteps1795342000000 } from './1795342000000-ClaimPaymentSteps';
import { PooledBankAccounts1795350000000 } from './1795350000000-PooledBankAccounts';
import { Receipts1795350001000 } from './1795350001000-Receipts';
import { Allocations1795350002000 } from './1795350002000-Allocations';
import { ChainLaterBooks1795359900000 } from './1795359900000-ChainLaterBooks';
import { JobQueue1795370000000 } from './1795370000000-JobQueue';

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
  BooksChain1795331000000,
  UnionLedIndexes1795332000000,
  NumberingAndFundsGuards1795340000000,
  VoucherPeopleAndReversalDrafts1795341000000,
  ClaimPaymentSteps1795342000000,
  PooledBankAccounts1795350000000,
  Receipts1795350001000,
  Allocations1795350002000,
  ChainLaterBooks1795359900000,
  JobQueue1795370000000,
];
