import { Card, Tabs } from 'antd';
import { useParams } from 'react-router';
import { api, call } from '../../data/client';
import { useApi } from '../../data/use-api';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { useQueryState } from '../../ui/use-query-state';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { MatchingView } from './matching';
import { PositionView } from './position';
import { ReconciliationView } from './reconciliation';
import { StatementsView } from './statements';

/**
 * One pooled account: its position (头寸), statements, matching and reconciliation. A tab is built afresh each
 * time it opens, so it shows what another tab just imported or matched.
 */
export function BankAccountPage() {
  const { centerId = '', accountId = '' } = useParams();
  const me = useMe();
  const operate = canOnCenter(me, centerId, 'bank:operate');
  const [q, setQ] = useQueryState({ tab: 'position' });
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}', { params: { path: { centerId, id: accountId } } })), [centerId, accountId]);
  return (
    <PageState loaded={loaded}>
      {(a) => (
        <>
          <PageHeader
            title={`${a.bankName || '统一账户'} ${a.accountNo ?? ''}`}
            sub={a.registered ? `${a.accountName ?? ''}${a.branch ? ` · ${a.branch}` : ''}` : '未登记：请中心主任在“统一账户”列表登记开户行、账号、启用对账日期与期初余额'}
          />
          <Card>
            <Tabs
              activeKey={q.tab}
              onChange={(tab) => setQ({ tab })}
              destroyOnHidden
              items={[
                { key: 'position', label: '头寸', children: <PositionView centerId={centerId} accountId={accountId} /> },
                { key: 'statements', label: '对账单', children: <StatementsView centerId={centerId} accountId={accountId} operate={operate} /> },
                { key: 'matching', label: '勾对', children: <MatchingView centerId={centerId} accountId={accountId} operate={operate} /> },
                {
                  key: 'reconciliation',
                  label: '余额调节表',
                  children: <ReconciliationView centerId={centerId} accountId={accountId} signOff={canOnCenter(me, centerId, 'bank:reconcile')} />,
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageState>
  );
}
