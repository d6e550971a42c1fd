import { Card, Tabs } from 'antd';
import { useParams } from 'react-router';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { PageHeader } from '../../ui/page-header';
import { useQueryState } from '../../ui/use-query-state';
import { BankSettingsForm } from './bank-settings-form';
import { RuleSetsView } from './rule-sets';
import { ClaimSettingsForm, LedgerSettingsForm } from './settings-forms';

/**
 * 中心设置: the center's ledger settings, claim settings and claim rule sets. Center staff read them; only a
 * role holding the permission (the director) gets the save buttons — the others see why the form is read-only.
 */
export function CenterSettingsPage() {
  const { centerId = '' } = useParams();
  const me = useMe();
  const [q, setQ] = useQueryState({ tab: 'ledger' });
  return (
    <>
      <PageHeader title="中心设置" sub="核算、报销、审核规则与银行收款，适用于本中心全部工会" />
      <Card>
        <Tabs
          activeKey={q.tab}
          onChange={(tab) => setQ({ tab })}
          destroyOnHidden
          items={[
            { key: 'ledger', label: '核算设置', children: <LedgerSettingsForm centerId={centerId} canChange={canOnCenter(me, centerId, 'ledger:configure')} /> },
            { key: 'claims', label: '报销设置', children: <ClaimSettingsForm centerId={centerId} canChange={canOnCenter(me, centerId, 'claims:configure')} /> },
            { key: 'rules', label: '审核规则集', children: <RuleSetsView centerId={centerId} canChange={canOnCenter(me, centerId, 'claims:configure')} /> },
            ...(canOnCenter(me, centerId, 'bank:read')
              ? [{ key: 'bank', label: '银行与收款', children: <BankSettingsForm centerId={centerId} canChange={canOnCenter(me, centerId, 'bank:manage')} /> }]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
