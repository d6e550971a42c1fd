import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { FullPageSpin, RequireLogin } from './guards';
import { Shell } from './shell';
import { UnionLayout } from './union-context';

/** A page loaded on first visit: each route is its own chunk, so a chair's phone downloads only what it opens. */
function lazyPage(load: () => Promise<object>, name: string): ComponentType {
  const Page = lazy(async () => ({ default: (await load())[name as keyof object] as ComponentType }));
  return function LazyPage() {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <Page />
      </Suspense>
    );
  };
}

const LoginPage = lazyPage(() => import('../pages/auth/login.page'), 'LoginPage');
const PasswordPage = lazyPage(() => import('../pages/auth/password.page'), 'PasswordPage');
const HomePage = lazyPage(() => import('../pages/home/home.page'), 'HomePage');
const UnionPage = lazyPage(() => import('../pages/union/union.page'), 'UnionPage');
const ClaimsPage = lazyPage(() => import('../pages/claims/claims.page'), 'ClaimsPage');
const ClaimFormPage = lazyPage(() => import('../pages/claims/claim-form.page'), 'ClaimFormPage');
const ClaimPage = lazyPage(() => import('../pages/claims/claim.page'), 'ClaimPage');
const VouchersPage = lazyPage(() => import('../pages/ledger/vouchers.page'), 'VouchersPage');
const VoucherEntryPage = lazyPage(() => import('../pages/ledger/voucher-entry.page'), 'VoucherEntryPage');
const VoucherPage = lazyPage(() => import('../pages/ledger/voucher.page'), 'VoucherPage');
const TrialBalancePage = lazyPage(() => import('../pages/ledger/trial-balance.page'), 'TrialBalancePage');
const LedgerPage = lazyPage(() => import('../pages/ledger/ledger.page'), 'LedgerPage');
const PeriodsPage = lazyPage(() => import('../pages/ledger/periods.page'), 'PeriodsPage');
const UnionExportsPage = lazyPage(() => import('../pages/audit/exports.page'), 'UnionExportsPage');
const InterchangeImportPage = lazyPage(() => import('../pages/ledger/interchange-import.page'), 'InterchangeImportPage');
const CenterExportsPage = lazyPage(() => import('../pages/audit/exports.page'), 'CenterExportsPage');
const ArchivePage = lazyPage(() => import('../pages/archive/archive.page'), 'ArchivePage');
const IntegrityPage = lazyPage(() => import('../pages/audit/integrity.page'), 'IntegrityPage');
const UnionAuditLogPage = lazyPage(() => import('../pages/audit/audit-log.page'), 'UnionAuditLogPage');
const SystemAuditLogPage = lazyPage(() => import('../pages/audit/audit-log.page'), 'SystemAuditLogPage');
const AccountsPage = lazyPage(() => import('../pages/ledger/accounts.page'), 'AccountsPage');
const UsersPage = lazyPage(() => import('../pages/admin/users.page'), 'UsersPage');
const UserPage = lazyPage(() => import('../pages/admin/user.page'), 'UserPage');
const UnionsAdminPage = lazyPage(() => import('../pages/admin/unions.page'), 'UnionsAdminPage');
const OpeningBalancesPage = lazyPage(() => import('../pages/ledger/opening.page'), 'OpeningBalancesPage');
const UnionStatementsPage = lazyPage(() => import('../pages/reports/statements.page'), 'UnionStatementsPage');
const CenterStatementsPage = lazyPage(() => import('../pages/reports/statements.page'), 'CenterStatementsPage');
const BudgetsPage = lazyPage(() => import('../pages/budgets/budgets.page'), 'BudgetsPage');
const BooksSettingsPage = lazyPage(() => import('../pages/budgets/books-settings.page'), 'BooksSettingsPage');
const BatchClosePage = lazyPage(() => import('../pages/ledger/batch-close.page'), 'BatchClosePage');
const FixedAssetsPage = lazyPage(() => import('../pages/assets/fixed-assets.page'), 'FixedAssetsPage');
const ReceiptsPage = lazyPage(() => import('../pages/receipts/receipts.page'), 'ReceiptsPage');
const ReceiptPage = lazyPage(() => import('../pages/receipts/receipt.page'), 'ReceiptPage');
const DuesPage = lazyPage(() => import('../pages/dues/dues.page'), 'DuesPage');
const BankAccountsPage = lazyPage(() => import('../pages/bank/bank-accounts.page'), 'BankAccountsPage');
const BankAccountPage = lazyPage(() => import('../pages/bank/bank-account.page'), 'BankAccountPage');
const CenterSettingsPage = lazyPage(() => import('../pages/center/settings.page'), 'CenterSettingsPage');
const AllocationsPage = lazyPage(() => import('../pages/bank/allocations.page'), 'AllocationsPage');
const AllocationPage = lazyPage(() => import('../pages/bank/allocation.page'), 'AllocationPage');
const NotFoundPage = lazyPage(() => import('../pages/not-found.page'), 'NotFoundPage');

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireLogin allowPasswordChange />}>
          <Route path="/password" element={<PasswordPage />} />
        </Route>
        <Route element={<RequireLogin />}>
          <Route element={<Shell />}>
            <Route index element={<HomePage />} />
            <Route path="u/:unionId" element={<UnionLayout />}>
              <Route index element={<UnionPage />} />
              <Route path="claims" element={<ClaimsPage />} />
              <Route path="claims/new" element={<ClaimFormPage />} />
              <Route path="claims/:claimId" element={<ClaimPage />} />
              <Route path="claims/:claimId/edit" element={<ClaimFormPage />} />
              <Route path="vouchers" element={<VouchersPage />} />
              <Route path="vouchers/new" element={<VoucherEntryPage />} />
              <Route path="vouchers/:voucherId" element={<VoucherPage />} />
              <Route path="vouchers/:voucherId/edit" element={<VoucherEntryPage />} />
              <Route path="trial-balance" element={<TrialBalancePage />} />
              <Route path="ledger" element={<LedgerPage />} />
              <Route path="periods" element={<PeriodsPage />} />
              <Route path="accounts" element={<AccountsPage />} />
              <Route path="opening" element={<OpeningBalancesPage />} />
              <Route path="statements" element={<UnionStatementsPage />} />
              <Route path="budgets" element={<BudgetsPage />} />
              <Route path="fixed-assets" element={<FixedAssetsPage />} />
              <Route path="receipts" element={<ReceiptsPage />} />
              <Route path="receipts/:receiptId" element={<ReceiptPage />} />
              <Route path="dues" element={<DuesPage />} />
              <Route path="exports" element={<UnionExportsPage />} />
              <Route path="interchange" element={<InterchangeImportPage />} />
              <Route path="integrity" element={<IntegrityPage />} />
              <Route path="archive" element={<ArchivePage />} />
              <Route path="audit-log" element={<UnionAuditLogPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
            <Route path="c/:centerId/exports" element={<CenterExportsPage />} />
            <Route path="c/:centerId/statements" element={<CenterStatementsPage />} />
            <Route path="c/:centerId/books-settings" element={<BooksSettingsPage />} />
            <Route path="c/:centerId/close" element={<BatchClosePage />} />
            <Route path="c/:centerId/settings" element={<CenterSettingsPage />} />
            <Route path="c/:centerId/allocations" element={<AllocationsPage />} />
            <Route path="c/:centerId/allocations/:allocationId" element={<AllocationPage />} />
            <Route path="c/:centerId/bank" element={<BankAccountsPage />} />
            <Route path="c/:centerId/bank/:accountId" element={<BankAccountPage />} />
            <Route path="admin/audit-log" element={<SystemAuditLogPage />} />
            <Route path="admin/users" element={<UsersPage />} />
            <Route path="admin/users/:userId" element={<UserPage />} />
            <Route path="admin/unions" element={<UnionsAdminPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
