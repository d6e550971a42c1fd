import { Button, Card, Col, Descriptions, Row, Statistic } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { navigation } from '../../app/nav';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatMoney } from '../../money/money';
import { periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { WithdrawDialog } from './withdraw-dialog';

const STATUS: Record<string, string> = { active: '正常', suspended: '暂停', withdrawn: '已退出集中核算' };

/** 本工会: the union at a glance — its funds and the pages the user's roles open on it. */
export function UnionPage() {
  const union = useUnion();
  const me = useMe();
  const funds = useApi(
    () => (canOnUnion(me, union, 'balances:read') ? call(api.GET('/api/unions/{unionId}/funds', { params: { path: { unionId: union.id } } })) : Promise.resolve(null)),
    [union.id],
  );
  const links = navigation(me, union, {}).filter((g) => ['claims', 'books', 'money', 'audit'].includes(g.key));
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <>
      <PageHeader
        title={union.name}
        sub={`统一社会信用代码 ${union.code}`}
        extra={
          union.status !== 'withdrawn' &&
          canOnUnion(me, union, 'unions:withdraw') && (
            <Button danger onClick={() => setWithdrawing(true)}>
              退出集中核算
            </Button>
          )
        }
      />
      {/* the union's status shows everywhere (menu, switcher): load the app again with the new one */}
      {withdrawing && <WithdrawDialog onClose={() => setWithdrawing(false)} onDone={() => window.location.reload()} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="基本情况">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 's', label: '状态', children: STATUS[union.status] ?? union.status },
                { key: 'p', label: '启用期间', children: periodLabel(union.firstPeriod) },
                { key: 'n', label: '凭证编号', children: union.voucherNumbering === 'typed' ? '收、付、转分别编号' : '记字统一编号' },
                { key: 'f', label: '统一账户份额科目', children: union.fundingAccountCode },
                ...(union.agreementNumber ? [{ key: 'a', label: '委托代管协议', children: `${union.agreementNumber} ${union.agreementDate ?? ''}` }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <PageState loaded={funds}>
            {(f) =>
              f && (
                <Card title="可用资金">
                  <Row gutter={16}>
                    <Col span={8}>
                      <Statistic title="可用" value={formatMoney(f.available)} prefix="¥" />
                    </Col>
                    <Col span={8}>
                      <Statistic title="余额" value={formatMoney(f.balance)} prefix="¥" />
                    </Col>
                    <Col span={8}>
                      <Statistic title="已预留" value={formatMoney(f.reserved)} prefix="¥" />
                    </Col>
                  </Row>
                </Card>
              )
            }
          </PageState>
        </Col>
        {links.map((g) => (
          <Col key={g.key} xs={24} md={8}>
            <Card title={g.label} size="small">
              {g.items.map((i) => (
                <div key={i.key} style={{ padding: '4px 0' }}>
                  <Link to={i.path}>{i.label}</Link>
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
