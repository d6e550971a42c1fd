import Decimal from 'decimal.js';
import { carryForwardLines, finishedProjectLines, NetAssetBalance, surplusLines } from './year-end.rules';

const nb = (accountCode: string, balance: string, projectCode: string | null = null): NetAssetBalance => ({ accountCode, projectCode, balance: new Decimal(balance) });
const show = (lines: { side: string; accountCode: string; projectCode: string | null; amount: Decimal }[]) =>
  lines.map((l) => `${l.side === 'debit' ? 'Dr' : 'Cr'} ${l.accountCode}${l.projectCode ? `(${l.projectCode})` : ''} ${l.amount.toFixed(2)}`);

describe('年终结转', () => {
  it('4a: 32101–32103 into 32104 per project', () => {
    const lines = carryForwardLines(2026, [
      nb('32103', '-3200', 'P1'),
      nb('32101', '100', 'P1'),
      nb('32103', '-500', 'P2'),
      nb('32104', '-900', 'P1'),
      nb('32203', '-7000'),
    ]);
    expect(show(lines)).toEqual(['Cr 32101(P1) 100.00', 'Dr 32103(P1) 3200.00', 'Cr 32104(P1) 3100.00', 'Dr 32103(P2) 500.00', 'Cr 32104(P2) 500.00']);
  });

  it('3: a finished project moves all it holds, or the amount chosen, to 32204; never more, never nothing', () => {
    const accumulated = new Map([
      ['P1', new Decimal('-4000')],
      ['P2', new Decimal('-500')],
    ]);
    expect(show(finishedProjectLines(2026, accumulated, [{ projectCode: 'P1' }, { projectCode: 'P2', amount: new Decimal('200') }]))).toEqual([
      'Dr 32104(P1) 4000.00',
      'Cr 32204 4000.00',
      'Dr 32104(P2) 200.00',
      'Cr 32204 200.00',
    ]);
    const code = (f: () => unknown) => {
      try {
        f();
        return 'OK';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => finishedProjectLines(2026, accumulated, [{ projectCode: 'P2', amount: new Decimal('500.01') }]))).toBe('FINISHED_PROJECT_INVALID');
    expect(code(() => finishedProjectLines(2026, accumulated, [{ projectCode: 'P3' }]))).toBe('FINISHED_PROJECT_INVALID');
    expect(code(() => finishedProjectLines(2026, accumulated, [{ projectCode: 'P1' }, { projectCode: 'P1' }]))).toBe('FINISHED_PROJECT_INVALID');
  });

  it('4b: 32201–32204 into 32205, projects ignored', () => {
    const lines = surplusLines(2026, [nb('32203', '-7000'), nb('32201', '250'), nb('32204', '-4200'), nb('32205', '-50000'), nb('32104', '-1')]);
    expect(show(lines)).toEqual(['Cr 32201 250.00', 'Dr 32203 7000.00', 'Dr 32204 4200.00', 'Cr 32205 10950.00']);
  });
});
