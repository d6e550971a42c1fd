import { Button, Card, Col, Empty, Row, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canAnywhere, canOnUnion, type Permission } from '../../app/access';
import { useCurrentUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { formatShort } from '../../ui/format';
import { ItemList } from '../../ui/item-list';
import { PageState } from '../../ui/page-state';

type Tasks = Schemas['MyTasksResponse'];
type TaskList = Schemas['TaskListResponse'];

const QUEUES: { key: keyof Tasks; title: string; permission: Permission; empty: string }[] = [
  { key: 'approvals', title: '待我审批', permission: 'claims:approve', empty: '没有等待审批的报销单' },
  { key: 'reviews', title: '待我审核', permission: 'claims:review', empty: '没有等待审核的报销单' },
  { key: 'checks', title: '待我复核凭证', permission: 'vouchers:post', empty: '没有等待复核的付款凭证' },
  { key: 'payments', title: '待我付款', permission: 'claims:pay', empty: '没有等待付款的报销单' },
  { key: 'postings', title: '待我记账', permission: 'vouchers:post', empty: '没有已付款待记账的报销单' },
  { key: 'returned', title: '被退回待我修改', permission: 'claims:submit', empty: '没有被退回的报销单' },
];

/** 我的待办: what waits for this person, by the steps their roles take, oldest first. */
export function HomePage() {
  const me = useMe();
  const union = useCurrentUnion();
  const tasks = useApi(() => call(api.GET('/api/me/tasks')), []);
  const queues = QUEUES.filter((q) => canAnywhere(me, q.permission));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <h1 style={{ margin: 0, flex: 1, fontSize: 22, fontWeight: 600 }}>我的待办</h1>
        {union && canOnUnion(me, union, 'claims:submit') && (
          <Link to={`/u/${union.id}/claims/new`}>
            <Button type="primary">新建报销</Button>
          </Link>
        )}
      </div>
      {queues.length === 0 ? (
        <Empty description="您的角色没有报销审批待办；请从左侧菜单进入账簿、审计或管理页面。" />
      ) : (
        <PageState loaded={tasks}>
          {(data) => (
            <Row gutter={[16, 16]}>
              {queues.map((q) => (
                <Col key={q.key} xs={24} xl={queues.length > 1 ? 12 : 24}>
                  <Queue title={q.title} list={data[q.key]} empty={q.empty} />
                </Col>
              ))}
            </Row>
          )}
        </PageState>
      )}
    </Space>
  );
}

function Queue({ title, list, empty }: { title: string; list: TaskList; empty: string }) {
  return (
    <Card
      title={
        <span>
          {title} <Tag color={list.total ? 'orange' : 'default'}>{list.total}</Tag>
        </span>
      }
      styles={{ body: { padding: '0 12px' } }}
    >
      <ItemList
        label={title}
        items={list.items}
        empty={empty}
        render={(t) => (
          <Link to={`/u/${t.unionId}/claims/${t.claimId}`} style={{ display: 'block', color: 'inherit' }}>
            <div style={ROW}>
              <strong style={ELLIPSIS}>{t.purpose}</strong>
              <strong style={{ whiteSpace: 'nowrap' }}>{yuan(t.amount)}</strong>
            </div>
            <div style={{ ...ROW, color: 'rgba(0,0,0,.45)' }}>
              <span style={ELLIPSIS}>
                {t.number} · {t.unionName}
              </span>
              <span style={{ whiteSpace: 'nowrap' }}>{formatShort(t.waitingSince)}</span>
            </div>
          </Link>
        )}
      />
      {list.total > list.items.length && (
        <p style={{ color: 'rgba(0,0,0,.45)', padding: '8px 0', margin: 0 }}>
          共 {list.total} 件，这里显示等待最久的 {list.items.length} 件；其余请到各工会的报销单列表按状态查看。
        </p>
      )}
    </Card>
  );
}

const ROW = { display: 'flex', justifyContent: 'space-between', gap: 8 } as const;
const ELLIPSIS = { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
