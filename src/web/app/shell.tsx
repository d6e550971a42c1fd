import { LogoutOutlined, MenuOutlined, UserOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api, call } from '../data/client';
import { session } from '../data/session';
import { useApi } from '../data/use-api';
import { onlyUnion } from './access';
import { navigation, selectedKey } from './nav';
import { lastUnionId, UnionProvider, useCurrentUnion } from './union-context';
import { useMe, useSessionState } from './use-session';

// loaded only when needed: most chairs and clerks have one union, and most sessions never expire mid-task
const UnionPicker = lazy(() => import('./union-picker').then((m) => ({ default: m.UnionPicker })));
const ReloginModal = lazy(() => import('./relogin-modal').then((m) => ({ default: m.ReloginModal })));

/** The signed-in frame: menu by role (a drawer on phones), the union switcher, the user's own menu. */
export function Shell() {
  const me = useMe();
  return (
    <UnionProvider fallback={onlyUnion(me) ?? lastUnionId()}>
      <Frame />
    </UnionProvider>
  );
}

function Frame() {
  const me = useMe();
  const expired = useSessionState().status === 'expired';
  const union = useCurrentUnion();
  const single = useMemo(() => onlyUnion(me) !== null, [me]);
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const centers = useApi(() => call(api.GET('/api/centers')), []);
  const centerNames = useMemo(() => Object.fromEntries((centers.data ?? []).map((c) => [c.id, c.name])), [centers.data]);
  const groups = useMemo(() => navigation(me, union, centerNames), [me, union, centerNames]);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(groups, pathname) ?? '']}
      items={groups.map((g) => ({
        type: 'group' as const,
        key: g.key,
        label: g.label,
        children: g.items.map((i) => ({ key: i.key, label: <Link to={i.path}>{i.label}</Link> })),
      }))}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const brand = (
    <Link to="/" style={{ display: 'block', padding: '16px 20px', fontWeight: 600, fontSize: 16, color: 'inherit' }}>
      工会经费集中核算
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <nav aria-label="主菜单">
            {brand}
            {menu}
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: mobile ? '0 8px' : '0 24px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0' }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawer(true)} />}
          <div style={{ flex: 1, minWidth: 0 }}>
            {single ? (
              <strong style={ELLIPSIS}>{union?.name ?? ''}</strong>
            ) : (
              <Suspense fallback={null}>
                <UnionPicker current={union} />
              </Suspense>
            )}
          </div>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: `${me.displayName}（${me.username}）`, disabled: true },
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => {
                if (key === 'password') navigate('/password');
                if (key === 'logout') void session.logout().then(() => navigate('/login'));
              },
            }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label="我的账户">
              {mobile ? null : <span style={{ ...ELLIPSIS, maxWidth: 120 }}>{me.displayName}</span>}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260} title="工会经费集中核算" styles={{ body: { padding: 0 } }}>
          <nav aria-label="主菜单">{menu}</nav>
        </Drawer>
      )}
      {expired && (
        <Suspense fallback={null}>
          <ReloginModal />
        </Suspense>
      )}
    </Layout>
  );
}

const ELLIPSIS = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
