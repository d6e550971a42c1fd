import { Alert, Button, Card, Descriptions, Input, Table } from 'antd';
import { useRef, useState } from 'react';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { api, call, type Schemas } from '../../data/client';
import { uploadFile } from '../../data/upload';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { formatDateTime, periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList } from '../../ui/paged-list';
import { PageState } from '../../ui/page-state';
import { currentPeriod } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';
import { RowProblems, useFileImport } from '../bank/row-problems';
import { duesRuleText, readOnlySentence } from './dues-labels';

type Roll = Schemas['DuesRollResponse'];
type RollDetail = Schemas['DuesRollDetailResponse'];
type Member = RollDetail['lines'][number];

/**
 * 会费名册: the union's members and wage bases month by month, each member's dues by the center's rule; per
 * roll 应收 (its total), 已收 (the month's dues receipts) and 差额 — every figure the server's. The cashier
 * imports a month's sheet (refused whole, row by row, when any row is wrong); others read.
 */
export function DuesPage() {
  const union = useUnion();
  const me = useMe();
  const [q, setQ] = useQueryState({ period: '', roll: '' });
  const rolls = useApi(
    () => call(api.GET('/api/unions/{unionId}/dues-rolls', { params: { path: { unionId: union.id }, query: { period: q.period || undefined } } })),
    [union.id, q.period],
  );
  const canImport = canOnUnion(me, union, 'receipts:record');
  const open = (r: Roll) => `/u/${union.id}/dues?${new URLSearchParams({ ...(q.period ? { period: q.period } : {}), roll: r.id })}`;

  return (
    <>
      <PageHeader title="会费名册" sub={`${union.name} · 按月登记会员工资基数，按中心规则计算会费`} />
      {canImport ? (
        <ImportCard
          onImported={(r) => {
            rolls.reload();
            setQ({ roll: r.id });
          }}
        />
      ) : (
        <Alert type="info" showIcon title={readOnlySentence('receipts:record', '导入会费名册')} style={{ marginBottom: 16 }} />
      )}
      <Card title="各月名册" style={{ marginTop: 16 }}>
        <div role="search" style={{ marginBottom: 16 }}>
          <label>
            月份 <Input type="month" aria-label="按月份筛选" value={q.period} onChange={(e) => setQ({ period: e.target.value, roll: undefined })} style={{ width: 160 }} />
          </label>
        </div>
        <PagedList<Roll>
          label="会费名册"
          loaded={rolls}
          rowKey={(r) => r.id}
          href={open}
          unit="份"
          empty={q.period ? '该月没有会费名册' : '尚未导入会费名册'}
          card={(r) => (
            <>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong>{periodLabel(r.period)}</strong>
                <span>{r.members} 人</span>
              </div>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', color: 'rgba(0,0,0,.65)' }}>
                <span>应收 {yuan(r.total)}</span>
                <span>已收 {yuan(r.received)}</span>
                <span>差额 {yuan(r.difference)}</span>
              </div>
            </>
          )}
          columns={[
            { title: '月份', dataIndex: 'period', width: 110, render: periodLabel },
            { title: '人数', dataIndex: 'members', width: 80, align: 'right' },
            { title: '应收会费', dataIndex: 'total', width: 140, align: 'right', render: (v: string) => yuan(v) },
            { title: '已收', dataIndex: 'received', width: 140, align: 'right', render: (v: string) => yuan(v) },
            { title: '差额', dataIndex: 'difference', width: 140, align: 'right', render: (v: string) => yuan(v) },
            { title: '导入', key: 'by', render: (_, r) => `${r.createdBy} ${formatDateTime(r.createdAt)}` },
          ]}
        />
      </Card>
      {q.roll && <RollView key={q.roll} unionId={union.id} rollId={q.roll} />}
    </>
  );
}

/** One roll: its figures and rule, and every member's wage, base and dues (paged in the browser). */
function RollView({ unionId, rollId }: { unionId: string; rollId: string }) {
  const roll = useApi(() => call(api.GET('/api/unions/{unionId}/dues-rolls/{id}', { params: { path: { unionId, id: rollId } } })), [unionId, rollId]);
  return (
    <Card title={roll.data ? `${periodLabel(roll.data.period)}会费名册` : '会费名册'} style={{ marginTop: 16 }}>
      <PageState loaded={roll}>
        {(r) => (
          <>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="会员人数">{r.members} 人</Descriptions.Item>
              <Descriptions.Item label="应收会费">
                <strong data-testid="dues-total">{yuan(r.total)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label="已收（该月会费收款）">{yuan(r.received)}</Descriptions.Item>
              <Descriptions.Item label="差额（应收 − 已收）">{yuan(r.difference)}</Descriptions.Item>
              <Descriptions.Item label="计算规则">{duesRuleText(r.rule)}</Descriptions.Item>
              <Descriptions.Item label="导入">{`${r.createdBy} ${formatDateTime(r.createdAt)}`}</Descriptions.Item>
              {r.fileSha256 && (
                <Descriptions.Item label="文件 SHA-256">
                  <code style={{ overflowWrap: 'anywhere' }}>{r.fileSha256}</code>
                </Descriptions.Item>
              )}
            </Descriptions>
            <PagedList<Member>
              label="会员"
              items={r.lines}
              rowKey={(m) => m.lineNo}
              size="small"
              unit="人"
              empty="名册中没有会员"
              card={(m) => (
                <>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong>{m.name}</strong>
                    <strong>{yuan(m.dues)}</strong>
                  </div>
                  <div style={{ color: 'rgba(0,0,0,.45)' }}>
                    {m.memberNo ? `${m.memberNo} · ` : ''}工资 {yuan(m.wage)} · 基数 {yuan(m.base)}
                  </div>
                </>
              )}
              columns={[
                { title: '序号', dataIndex: 'lineNo', width: 70, align: 'right' },
                { title: '会员编号', dataIndex: 'memberNo', width: 140, render: (v: string | null) => v ?? '' },
                { title: '姓名', dataIndex: 'name' },
                { title: '工资', dataIndex: 'wage', width: 140, align: 'right', render: (v: string) => yuan(v) },
                { title: '计费基数', dataIndex: 'base', width: 140, align: 'right', render: (v: string) => yuan(v) },
                { title: '会费', dataIndex: 'dues', width: 120, align: 'right', render: (v: string) => yuan(v) },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={5}>
                    <strong>合计（{r.members} 人）</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <strong>{yuan(r.total)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </>
        )}
      </PageState>
    </Card>
  );
}

/** 导入名册 (the cashier): the month first, then the sheet; a refused sheet lists its problems row by row. */
function ImportCard({ onImported }: { onImported: (r: RollDetail) => void }) {
  const union = useUnion();
  const file = useRef<HTMLInputElement>(null);
  const [period, setPeriod] = useState(currentPeriod());
  const { busy, result: done, refused, send: sendFile } = useFileImport<RollDetail>(file);
  const send = async (f: File | undefined) => {
    if (f) await sendFile(() => uploadFile<RollDetail>(`/api/unions/${union.id}/dues-rolls`, f, { period }), onImported);
  };
  return (
    <Card title="导入会费名册">
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 8 }}>
        <label>
          会费月份 <Input type="month" aria-label="会费月份" value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 160 }} />
        </label>
        <input ref={file} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" style={{ display: 'none' }} aria-label="选择会费名册文件" onChange={(e) => void send(e.target.files?.[0])} />
        <Button type="primary" loading={busy} disabled={!period} onClick={() => file.current?.click()}>
          导入名册
        </Button>
      </div>
      <p style={{ color: 'rgba(0,0,0,.45)', margin: 0 }}>.xlsx 或 .csv：须有“姓名”和“工资基数”（或“月工资”）列，可有“会员编号”。有任何错误行则整份不导入，逐行列出问题。</p>
      {done && <Alert type="success" showIcon role="status" style={{ marginTop: 12 }} title={`已导入${periodLabel(done.period)}会费名册：${done.members} 人，应收会费 ${yuan(done.total)}`} />}
      {refused && (
        <div style={{ marginTop: 12 }}>
          <RowProblems refused={refused} />
        </div>
      )}
    </Card>
  );
}
