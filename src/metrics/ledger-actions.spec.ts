import { ledgerEvents } from './ledger-actions';

describe('ledgerEvents', () => {
  it('counts a posted voucher and a claim step only on a 2xx POST of their route', () => {
    expect(ledgerEvents('POST', '/api/unions/:unionId/vouchers/:id/post', 200)).toEqual([{ metric: 'postings', source: 'voucher' }]);
    expect(ledgerEvents('POST', '/api/unions/:unionId/claims', 201)).toEqual([{ metric: 'claimSteps', step: 'create' }]);
    expect(ledgerEvents('POST', '/api/unions/:unionId/claims/:id/pay', 200)).toEqual([{ metric: 'claimSteps', step: 'pay' }]);
    expect(ledgerEvents('POST', '/api/unions/:unionId/claims/:id/post', 200)).toEqual([
      { metric: 'postings', source: 'claim' },
      { metric: 'claimSteps', step: 'post' },
    ]);
  });

  it('counts nothing refused, read or unknown', () => {
    expect(ledgerEvents('POST', '/api/unions/:unionId/vouchers/:id/post', 409)).toEqual([]);
    expect(ledgerEvents('GET', '/api/unions/:unionId/claims', 200)).toEqual([]);
    expect(ledgerEvents('POST', '/api/unions/:unionId/claims/:id/attachments', 201)).toEqual([]);
    expect(ledgerEvents('POST', undefined, 200)).toEqual([]);
  });
});
