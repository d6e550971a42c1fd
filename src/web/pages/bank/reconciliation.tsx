import { Alert, Button, Card, Descriptions, Input, Modal, Tag } from 'antd';
import { PagedList } from '../../ui/paged-list';
import { PrintButton } from '../ledger/print-button';
import { useState } from 'react';
import { useAction } from '../../data/use-action';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { formatDateTime, todayInChina } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';
import { useQueryState } from '../../ui/use-query-state';

type Reconciliation = Schemas['ReconciliationResponse'];
type StatementSide = Schemas['StatementSideResponse'];
type BookSide = Schemas['BookSideResponse'];
interface Item {
  key: string;
  kind: string;
  date: string;
  amount: string;
  text: string;
}

/**
 * 银行存款余额调节表 at a date: the book balance (Σ the unions' shares) and the bank's balance, each adjusted by
 * the items the other side has not recorded yet, and whether the two adjusted balances agree; the items listed;
 * the sign-off "对账截至某日" (refused by the server before the statement reaches the date, while proposals wait,
 * or while a difference remains — its reason is shown).
 */
export function ReconciliationView({ centerId, accountId, signOff }: { centerId: string; accountId: string; signOff: boolean }) {
  const [q, setQ] = useQueryState({ date: todayInChina() });
  const loaded = useApi(
    () => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/reconciliation', { params: { path: { centerId, id: accountId }, query: { date: q.date } } })),
    [centerId, accountId, q.date],
  );
  const [signing, setSigning] = useState(false);
  const r = loaded.data;
  return (
    <>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
        <label>
          调节表日期 <Input type="date" aria-label="调节表日期" value={q.date} onChange={(e) => e.target.value && setQ({ date: e.target.value })} style={{ width: 170 }} />
        </label>
        {signOff && r && (
          <Button type="primary" onClick={() => setSigning(true)}>
            签认对账
          </Button>
        )}
        {r && <PrintButton url={`/api/centers/${centerId}/bank-accounts/${accountId}/reconciliation.pdf?date=${r.date}`} fileName={`余额调节表-${r.date}.pdf`} label="打印调节表" />}
      </div>
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {r && <Statement r={r} />}
      {signing && r && <SignOffDialog centerId={centerId} accountId={accountId} date={r.date} onClose={() => setSigning(false)} onDone={() => (setSigning(false), loaded.reload())} />}
    </>
  );
}

function Statement({ r }: { r: Reconciliation }) {
  const row = (label: string, amount: string, strong = false) => (
    <tr>
      <td style={{ padding: '4px 8px' }}>{strong ? <strong>{label}</strong> : label}</td>
      <td style={{ padding: '4px 8px', textAlign: 'right', whiteSpace: 'nowrap' }}>{strong ? <strong>{yuan(amount)}</strong> : yuan(amount)}</td>
    </tr>
  );
  const items: Item[] = [
    ...r.bankInNotBook.lines.map((l) => bankItem('银行已收、企业未收', l)),
    ...r.bankOutNotBook.lines.map((l) => bankItem('银行已付、企业未付', l)),
    ...r.bookInNotBank.lines.map((l) => bookItem('企业已收、银行未收', l)),
    ...r.bookOutNotBank.lines.map((l) => bookItem('企业已付、银行未付', l)),
  ];
  return (
    <>
      {r.agrees ? (
        <Alert type="success" showIcon role="status" title={`调节后余额相符，差额 ${yuan(r.difference)}`} style={{ marginBottom: 16 }} />
      ) : (
        <Alert type="error" showIcon role="status" title={`调节后余额不符，差额 ${yuan(r.difference)}`} description="请检查未勾对的流水与分录，或是否漏记、错记。" style={{ marginBottom: 16 }} />
      )}
      {r.pendingProposals > 0 && <Alert type="warning" showIcon title={`还有 ${r.pendingProposals} 笔自动勾对待确认（在“勾对”页）`} style={{ marginBottom: 16 }} />}
      <Card size="small" title={`银行存款余额调节表（${r.date}）`} style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
          <table aria-label="企业账面" style={{ flex: '1 1 300px' }}>
            <tbody>
              {row('企业账面余额（各工会份额之和）', r.bookBalance, true)}
              {row('加：银行已收、企业未收', r.bankInNotBook.total)}
              {row('减：银行已付、企业未付', r.bankOutNotBook.total)}
              {row('调节后的企业账面余额', r.adjustedBook, true)}
            </tbody>
          </table>
          <table aria-label="银行对账单" style={{ flex: '1 1 300px' }}>
            <tbody>
              {row(`银行对账单余额${r.statementDate ? `（${r.statementDate}）` : '（尚无流水）'}`, r.statementBalance, true)}
              {row('加：企业已收、银行未收', r.bookInNotBank.total)}
              {row('减：企业已付、银行未付', r.bookOutNotBank.total)}
              {row('调节后的银行对账单余额', r.adjustedStatement, true)}
            </tbody>
          </table>
        </div>
      </Card>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="最近签认">{signOffText(r.lastSignOff)}</Descriptions.Item>
      </Descriptions>
      <h3>未达账项（{items.length}）</h3>
      <PagedList<Item>
        label="未达账项"
        rowKey={(i) => i.key}
        size="small"
        items={items}
        scrollX={720}
        unit="笔"
        empty="没有未达账项"
        columns={[
          { title: '类别', dataIndex: 'kind', width: 170, render: (k: string) => <Tag>{k}</Tag> },
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '金额', dataIndex: 'amount', width: 130, align: 'right', render: (a: string) => yuan(a) },
          { title: '说明', dataIndex: 'text' },
        ]}
      />
    </>
  );
}

function bankItem(kind: string, l: StatementSide): Item {
  return { key: `s-${l.id}`, kind, date: l.date, amount: l.amount, text: [l.reference, l.counterpartName, l.summary].filter(Boolean).join(' ') };
}

function bookItem(kind: string, l: BookSide): Item {
  return { key: `b-${l.unionId}-${l.voucherId}-${l.lineNo}`, kind, date: l.date, amount: l.amount, text: `${l.unionCode} ${l.voucherNo} ${l.summary}${l.reference ? ` ${l.reference}` : ''}` };
}

function signOffText(s: Schemas['SignOffResponse'] | null): string {
  return s ? `对账截至 ${s.throughDate}，${s.signedByName} ${formatDateTime(s.signedAt)} 签认` : '尚未签认';
}

function SignOffDialog({ centerId, accountId, date, onClose, onDone }: { centerId: string; accountId: string; date: string; onClose: () => void; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const sign = async () => {
    const body = { throughDate: date, note: note.trim() || undefined };
    if (await run(() => call(api.POST('/api/centers/{centerId}/bank-accounts/{id}/reconciliation/sign-off', { params: { path: { centerId, id: accountId } }, body })))) onDone();
  };
  return (
    <Modal open title={`签认对账截至 ${date}`} okText="签认" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void sign()} onCancel={onClose}>
      <p>签认后记录“对账截至 {date}”并留痕；须对账单已导入到该日、没有待确认的勾对、调节后余额相符。</p>
      <label>
        备注
        <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
