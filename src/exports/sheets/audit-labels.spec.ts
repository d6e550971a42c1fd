import { auditActionLabel, auditObjectLabel } from './audit-labels';

describe('audit labels', () => {
  it('names every action the service records in Chinese (a code printed as it is would reach an auditor)', () => {
    // the audit actions written by the services (grep "action: '…'" and the workflow steps of claims, unions, matches)
    const actions = [
      'asset.cancel', 'asset.create', 'asset.dispose', 'asset.update', 'bank-match.auto', 'bank-match.manual', 'bank-match.confirm',
      'bank-match.reject', 'bank-match.undo', 'bank-reconciliation.sign-off', 'bank-settings.update', 'bank-statement.import',
      'books.settings', 'budget.approve', 'budget.create', 'budget.discard', 'budget.update', 'dues-roll.import', 'period.close',
      'period.reopen', 'year.close', 'year.reopen', 'union.create', 'union.update', 'union.withdraw', 'union.suspend', 'union.resume',
      'voucher.cashier', 'voucher.create', 'voucher.delete', 'voucher.post', 'voucher.reverse', 'voucher.review', 'voucher.update',
      ...['create', 'edit', 'submit', 'withdraw', 'approve', 'reject', 'review', 'check', 'return', 'cancel', 'pay', 'post', 'attach', 'detach', 'migrate'].map((a) => `claim.${a}`),
    ];
    const untranslated = actions.filter((a) => /[A-Za-z]/.test(auditActionLabel(a)));
    expect(untranslated).toEqual([]);
    expect(auditActionLabel('claim.check')).toBe('报销单 复核');
    expect(auditActionLabel('voucher.cashier')).toBe('凭证 出纳签字');
    expect(auditObjectLabel('claim')).toBe('报销单');
    // an unknown word keeps the whole code visible rather than half-translated
    expect(auditActionLabel('voucher.teleport')).toBe('voucher.teleport');
  });
});
