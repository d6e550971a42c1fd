import { Account } from '../ledger/accounts/account.entity';
import { ChartTemplateAccount } from '../ledger/accounts/chart-template-account.entity';
import { AccountBalance } from '../ledger/balances/account-balance.entity';
import { OpeningBalance } from '../ledger/opening/opening-balance.entity';
import { PeriodEvent } from '../ledger/periods/period-event.entity';
import { Period } from '../ledger/periods/period.entity';
import { Project } from '../ledger/projects/project.entity';
import { VoucherDraftLine } from '../ledger/vouchers/voucher-draft-line.entity';
import { VoucherDraft } from '../ledger/vouchers/voucher-draft.entity';
import { VoucherLine } from '../ledger/vouchers/voucher-line.entity';
import { VoucherReversal } from '../ledger/vouchers/voucher-reversal.entity';
import { VoucherSequence } from '../ledger/vouchers/voucher-sequence.entity';
import { Voucher } from '../ledger/vouchers/voucher.entity';
import { CenterLedgerSettings } from '../ledger/settings/ledger-settings.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ChainHead, VoucherChainLink } from '../audit/chain.entities';
import { Grant } from '../auth/grant.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../auth/user.entity';
import { Center } from '../unions/center.entity';
import { Union } from '../unions/union.entity';

export const entities = [
  Center,
  Union,
  ChartTemplateAccount,
  Account,
  Project,
  Period,
  PeriodEvent,
  VoucherDraft,
  VoucherDraftLine,
  Voucher,
  VoucherLine,
  VoucherSequence,
  VoucherReversal,
  OpeningBalance,
  AccountBalance,
  CenterLedgerSettings,
  User,
  Grant,
  RefreshToken,
  AuditEntry,
  ChainHead,
  VoucherChainLink,
];
