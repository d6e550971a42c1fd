import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatMoney } from '../../money/money';
import { matchAccount, type AccountOption } from './account-options';
import { balanceOf, balancingAmount, emptyLine, summaryFor, type GridLine } from './voucher-balance';

type Column = 'summary' | 'account' | 'debit' | 'credit';
const LABEL: Record<Column, string> = { summary: '摘要', account: '会计科目', debit: '借方金额', credit: '贷方金额' };

interface Focusable {
  focus: () => void;
}

/**
 * 凭证录入 as Chinese accountants key it: Enter moves to the next cell (past 贷方 when 借方 was filled), an empty
 * 摘要 takes the one above, the account is found by code or name, "=" in an amount cell fills the balancing
 * figure, and there is always an empty row at the bottom to go on with. Keyboard only is enough.
 */
export function VoucherGrid({
  lines,
  onChange,
  accounts,
  red,
  onSubmit,
}: {
  lines: GridLine[];
  onChange: (update: (lines: GridLine[]) => GridLine[]) => void;
  accounts: AccountOption[];
  red: boolean;
  onSubmit: () => void;
}) {
  const cells = useRef(new Map<string, Focusable | null>());
  // a cell of a row that is about to be rendered: focused right after that render
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current && cells.current.get(pending.current)) {
      cells.current.get(pending.current)!.focus();
      pending.current = null;
    }
  });
  const balance = balanceOf(lines, red);
  const bad = new Set(balance.problems.map((p) => `${p.line - 1}:${p.field}`));

  // an updater from the lines as React has them: a choice and the keystrokes after it may be handled before the
  // re-render, and the later edit must not undo the earlier one
  const set = (i: number, patch: Partial<GridLine>) =>
    onChange((prev) => {
      const next = prev.map((l, j) => (j === i ? { ...l, ...patch } : l));
      // one side per line: typing a debit clears the credit and the other way round
      if (patch.debit) next[i].credit = '';
      if (patch.credit) next[i].debit = '';
      const last = next[next.length - 1];
      if (last && (last.account || last.debit || last.credit)) next.push(emptyLine());
      return next;
    });

  const focus = (i: number, col: Column) => {
    const cell = cells.current.get(`${i}:${col}`);
    if (cell) cell.focus();
    else pending.current = `${i}:${col}`;
  };

  const next = (i: number, col: Column) => {
    const line = lines[i];
    if (col === 'summary') return focus(i, 'account');
    if (col === 'account') return focus(i, 'debit');
    if (col === 'debit' && !line.debit.trim()) return focus(i, 'credit');
    if (i + 1 >= lines.length) onChange((prev) => [...prev, emptyLine()]);
    focus(i + 1, 'summary');
  };

  const keys = (i: number, col: Column) => (e: KeyboardEvent<HTMLElement>) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) {
      e.preventDefault();
      onSubmit();
      return;
    }
    if (e.key === 'Enter' && col !== 'account') {
      e.preventDefault();
      next(i, col);
    }
    if (e.key === '=' && (col === 'debit' || col === 'credit')) {
      e.preventDefault();
      const amount = balancingAmount(lines, i, col);
      if (amount) set(i, { [col]: amount });
    }
  };

  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="voucher-grid" aria-label="凭证分录" style={{ width: '100%', minWidth: 720, borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={{ width: 36 }}>行</th>
            <th>摘要</th>
            <th style={{ width: '34%' }}>会计科目</th>
            <th style={{ width: 150 }}>借方金额</th>
            <th style={{ width: 150 }}>贷方金额</th>
            <th style={{ width: 40 }} aria-label="删除" />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <td style={{ textAlign: 'center', color: 'rgba(0,0,0,.45)' }}>{i + 1}</td>
              <td>
                <Input
                  ref={(el) => void cells.current.set(`${i}:summary`, el)}
                  aria-label={`第 ${i + 1} 行${LABEL.summary}`}
                  value={line.summary}
                  placeholder={i > 0 ? summaryFor(lines, i - 1) : '如：收到一季度拨缴经费'}
                  onFocus={(e) => {
                    // the 摘要 of the line above, ready to keep (Enter) or to overwrite (typing replaces the selection)
                    if (!line.summary && i > 0 && summaryFor(lines, i - 1)) {
                      set(i, { summary: summaryFor(lines, i - 1) });
                      const input = e.target;
                      // once rendered, and only if the user is still here (a fast Enter may have moved on)
                      setTimeout(() => document.activeElement === input && input.select(), 0);
                    }
                  }}
                  onChange={(e) => set(i, { summary: e.target.value })}
                  onKeyDown={keys(i, 'summary')}
                  status={bad.has(`${i}:summary`) ? 'error' : undefined}
                />
              </td>
              <td>
                <Select
                  ref={(el) => void cells.current.set(`${i}:account`, el)}
                  aria-label={`第 ${i + 1} 行${LABEL.account}`}
                  value={line.account || undefined}
                  options={accounts}
                  showSearch={{ filterOption: (input, option) => !!option && matchAccount(input, option as AccountOption) }}
                  placeholder="输入科目编码或名称"
                  style={{ width: '100%' }}
                  popupMatchSelectWidth={false}
                  status={bad.has(`${i}:account`) ? 'error' : undefined}
                  onChange={(v: string) => set(i, { account: v ?? '' })}
                  onSelect={() => focus(i, 'debit')}
                  onInputKeyDown={(e) => {
                    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) keys(i, 'account')(e);
                  }}
                />
              </td>
              {(['debit', 'credit'] as const).map((side) => (
                <td key={side}>
                  <Input
                    ref={(el) => void cells.current.set(`${i}:${side}`, el)}
                    aria-label={`第 ${i + 1} 行${LABEL[side]}`}
                    value={line[side]}
                    inputMode="decimal"
                    style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
                    onChange={(e) => set(i, { [side]: e.target.value })}
                    onBlur={() => {
                      const f = formatMoney(line[side].replace(/[,，\s]/g, ''));
                      if (line[side] && f !== line[side] && /^-?[\d,]+(\.\d{1,2})?$/.test(f)) set(i, { [side]: f.replace(/,/g, '') });
                    }}
                    onKeyDown={keys(i, side)}
                    status={bad.has(`${i}:${side}`) ? 'error' : undefined}
                  />
                </td>
              ))}
              <td>
                <Button
                  type="text"
                  danger
                  tabIndex={-1}
                  icon={<DeleteOutlined />}
                  aria-label={`删除第 ${i + 1} 行`}
                  disabled={lines.length <= 2}
                  onClick={() => onChange((prev) => prev.filter((_, j) => j !== i))}
                />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row" style={{ textAlign: 'right' }}>
              合计
            </th>
            <td style={{ color: 'rgba(0,0,0,.45)' }}>{balance.words ? `大写：${balance.words}` : ''}</td>
            <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} aria-label="借方合计">
              {formatMoney(balance.debit)}
            </td>
            <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} aria-label="贷方合计">
              {formatMoney(balance.credit)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
