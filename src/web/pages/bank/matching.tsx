import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';
import { PagedList, type ListColumn } from '../../ui/paged-list';
import { matchConfidence, matchRuleLabel } from './match-labels';
import { matchSums } from './match-sums';

type Match = Schemas['MatchResponse'];
type BookSide = Schemas['BookSideResponse'];
type Line = Schemas['BankStatementLineResponse'];

const bookKey = (b: BookSide) => `${b.unionId}:${b.voucherId}:${b.lineNo}`;
const signedLine = (l: Line) => (l.amountIn !== '0.00' ? l.amountIn : `-${l.amountOut}`);

/**
 * 勾对: the review queue (low-confidence proposals the cashier confirms or rejects), automatic matching on
 * demand, and a manual match of chosen bank lines against chosen book lines whose totals agree.
 */
export function MatchingView({ centerId, accountId, operate }: { centerId: string; accountId: string; operate: boolean }) {
  const path = { centerId, id: accountId };
  const proposed = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/matches', { params: { path, query: { status: 'proposed', page: 1, pageSize: 100 } } })), [centerId, accountId]);
  const confirmed = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/matches', { params: { path, query: { status: 'confirmed', page: 1, pageSize: 20 } } })), [centerId, accountId]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const act = async (name: string, run: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    setInfo(null);
    try {
      await run();
      proposed.reload();
      confirmed.reload();
      setTick((n) => n + 1);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const decide = (m: Match, verb: 'confirm' | 'unmatch') =>
    act(`${verb}-${m.id}`, () => call(api.POST(`/api/centers/{centerId}/bank-accounts/{id}/matches/{matchId}/${verb}`, { params: { path: { ...path, matchId: m.id } } })));
  const auto = () =>
    act('auto', async () => {
      const r = await call(api.POST('/api/centers/{centerId}/bank-accounts/{id}/matches/auto', { params: { path } }));
      setInfo(`自动勾对 ${r.confirmed} 笔${r.proposed ? `，${r.proposed} 笔待确认` : ''}`);
    });

  const matchColumns = (actions: (m: Match) => ReactNode): ListColumn<Match>[] => [
    { title: '规则', key: 'rule', width: 150, render: (_: unknown, m: Match) => <>{matchRuleLabel(m.rule)} <Tag color={matchConfidence(m.confidence).color}>{matchConfidence(m.confidence).label}</Tag></> },
    { title: '银行流水', key: 'statement', render: (_: unknown, m: Match) => m.statement.map((s) => <div key={s.id}>{s.date} {yuan(s.amount)} {s.reference ?? ''} {s.counterpartName ?? ''}</div>) },
    { title: '账簿分录', key: 'book', render: (_: unknown, m: Match) => m.book.map((b) => <div key={bookKey(b)}>{b.unionCode} {b.voucherNo} {b.date} {yuan(b.amount)} {b.summary}</div>) },
    { title: '操作', key: 'actions', width: 170, render: (_: unknown, m: Match) => actions(m) },
  ];

  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {info && <Alert type="success" showIcon role="status" title={info} style={{ marginBottom: 16 }} />}
      {operate && (
        <Button onClick={() => void auto()} loading={busy === 'auto'} style={{ marginBottom: 16 }}>
          自动对账
        </Button>
      )}
      <h3>待确认（{proposed.data?.total ?? 0}）</h3>
      <PagedList<Match>
        label="待确认的勾对"
        rowKey={(m) => m.id}
        size="small"
        loaded={proposed}
        scrollX={900}
        unit="笔"
        empty="没有待确认的勾对"
        columns={matchColumns(
          (m) =>
            operate && (
              <Space size={4}>
                <Button size="small" type="primary" loading={busy === `confirm-${m.id}`} onClick={() => void decide(m, 'confirm')}>
                  确认
                </Button>
                <Button size="small" loading={busy === `unmatch-${m.id}`} onClick={() => void decide(m, 'unmatch')}>
                  驳回
                </Button>
              </Space>
            ),
        )}
      />
      {operate && <ManualMatch key={tick} centerId={centerId} accountId={accountId} busy={busy === 'manual'} onMatch={(body) => act('manual', () => call(api.POST('/api/centers/{centerId}/bank-accounts/{id}/matches', { params: { path }, body })))} />}
      <h3 style={{ marginTop: 24 }}>最近确认的勾对</h3>
      <PagedList<Match>
        label="最近确认的勾对"
        rowKey={(m) => m.id}
        size="small"
        loaded={confirmed}
        scrollX={900}
        unit="笔"
        empty="尚无勾对"
        columns={matchColumns(
          (m) =>
            operate && (
              <Button size="small" loading={busy === `unmatch-${m.id}`} onClick={() => void decide(m, 'unmatch')}>
                撤销
              </Button>
            ),
        )}
      />
    </>
  );
}

/** Chosen unmatched bank lines against chosen unmatched book lines (the 调节表's open book items as of today). */
function ManualMatch({ centerId, accountId, busy, onMatch }: { centerId: string; accountId: string; busy: boolean; onMatch: (body: Schemas['ManualMatchDto']) => void }) {
  const path = { centerId, id: accountId };
  const lines = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/statement-lines', { params: { path, query: { unmatched: 'true', page: 1, pageSize: 200 } } })), [centerId, accountId]);
  const rec = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/reconciliation', { params: { path, query: { date: todayInChina() } } })), [centerId, accountId]);
  const book = useMemo(() => [...(rec.data?.bookInNotBank.lines ?? []), ...(rec.data?.bookOutNotBank.lines ?? [])], [rec.data]);
  const [bankIds, setBankIds] = useState<string[]>([]);
  const [bookIds, setBookIds] = useState<string[]>([]);
  const sums = matchSums(
    (lines.data?.items ?? []).filter((l) => bankIds.includes(l.id)).map(signedLine),
    book.filter((b) => bookIds.includes(bookKey(b))).map((b) => b.amount),
  );
  const submit = () =>
    onMatch({
      statementLineIds: bankIds,
      bookLines: book.filter((b) => bookIds.includes(bookKey(b))).map((b) => ({ unionId: b.unionId, voucherId: b.voucherId, lineNo: b.lineNo })),
    });
  if ((lines.data?.items.length ?? 0) === 0 && book.length === 0) return null;
  return (
    <Card size="small" title="手工勾对" style={{ marginTop: 24 }}>
      <p style={{ marginTop: 0 }}>勾选金额合计相等的银行流水与账簿分录（收入为正、支出为负）。</p>
      {(lines.error || rec.error) && <ErrorAlert error={(lines.error ?? rec.error)!} />}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 360px', minWidth: 0 }}>
          <h4>未勾对的银行流水</h4>
          <Table<Line>
            rowKey="id"
            size="small"
            pagination={false}
            loading={lines.loading}
            dataSource={lines.data?.items}
            rowSelection={{ selectedRowKeys: bankIds, onChange: (keys) => setBankIds(keys as string[]), getCheckboxProps: (l) => ({ 'aria-label': `选择流水 ${l.date} ${signedLine(l)}` }) }}
            columns={[
              { title: '日期', dataIndex: 'date', width: 105 },
              { title: '金额', width: 120, align: 'right', render: (_, l) => yuan(signedLine(l)) },
              { title: '流水号 / 对方', render: (_, l) => `${l.reference ?? ''} ${l.counterpartName ?? ''}` },
            ]}
          />
        </div>
        <div style={{ flex: '1 1 360px', minWidth: 0 }}>
          <h4>未达的账簿分录</h4>
          <Table<BookSide>
            rowKey={bookKey}
            size="small"
            pagination={false}
            loading={rec.loading}
            dataSource={book}
            rowSelection={{ selectedRowKeys: bookIds, onChange: (keys) => setBookIds(keys as string[]), getCheckboxProps: (b) => ({ 'aria-label': `选择分录 ${b.voucherNo} ${b.amount}` }) }}
            columns={[
              { title: '凭证', render: (_, b) => `${b.unionCode} ${b.voucherNo}` },
              { title: '日期', dataIndex: 'date', width: 105 },
              { title: '金额', dataIndex: 'amount', width: 120, align: 'right', render: (v: string) => yuan(v) },
            ]}
          />
        </div>
      </div>
      <Space style={{ marginTop: 12 }} wrap>
        <span role="status">
          已选流水 {yuan(sums.statement)} · 已选分录 {yuan(sums.book)} {sums.agrees ? <Tag color="success">相等</Tag> : bankIds.length + bookIds.length > 0 && <Tag color="warning">不相等</Tag>}
        </span>
        <Button type="primary" disabled={!sums.agrees} loading={busy} onClick={submit}>
          勾对
        </Button>
      </Space>
    </Card>
  );
}
