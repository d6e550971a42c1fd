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
import { LoginThrottle1795347000000 } from './1795347000000-LoginThrottle';
import { BatchLocks1795348000000 } from './1795348000000-BatchLocks';
import { PooledBankAccounts1795350000000 } from './1795350000000-PooledBankAccounts';
import { Receipts1795350001000 } from './1795350001000-Receipts';
import { Allocations1795350002000 } from './1795350002000-Allocations';
import { BankStatements1795350003000 } from './1795350003000-BankStatements';
import { ChainLaterBooks1795359900000 } from './1795359900000-ChainLaterBooks';
import { ClosingFoundations1795360000000 } from './1795360000000-ClosingFoundations';
import { CenterBooksSettings1795360100000 } from './1795360100000-CenterBooksSettings';
import { Statements1795360200000 } from './1795360200000-Statements';
import { FiscalYears1795360300000 } from './1795360300000-FiscalYears';
import { FixedAssets1795360400000 } from './1795360400000-FixedAssets';
import { Budgets1795360500000 } from './1795360500000-Budgets';
import { JobQueue1795370000000 } from './1795370000000-JobQueue';
import { ArchivePackages1795396000000 } from './1795396000000-ArchivePackages';
import { BankTransfers1795400000000 } from './1795400000000-BankTransfers';
import { BankMatchingIndexes1795400001000 } from './1795400001000-BankMatchingIndexes';
import { ChainClosingBooks1795405000000 } from './1795405000000-ChainClosingBooks';
import { CloseRuns1795410000000 } from './1795410000000-CloseRuns';

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
  LoginThrottle1795347000000,
  BatchLocks1795348000000,
  PooledBankAccounts1795350000000,
  Receipts1795350001000,
  Allocations1795350002000,
  BankStatements1795350003000,
  ChainLaterBooks1795359900000,
  ClosingFoundations1795360000000,
  CenterBooksSettings1795360100000,
  Statements1795360200000,
  FiscalYears1795360300000,
  FixedAssets1795360400000,
  Budgets1795360500000,
  JobQueue1795370000000,
  ArchivePackages1795396000000,
  BankTransfers1795400000000,
  BankMatchingIndexes1795400001000,
  ChainClosingBooks1795405000000,
  CloseRuns1795410000000,
];
