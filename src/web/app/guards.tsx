import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionState } from './use-session';

/** Signed-in pages: anonymous users go to the login page (and come back after), a first login changes its password. */
export function RequireLogin({ allowPasswordChange = false }: { allowPasswordChange?: boolean }) {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'starting') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (state.user.mustChangePassword && !allowPasswordChange) return <Navigate to="/password" replace />;
  return <Outlet />;
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" aria-label="正在加载" />
    </div>
  );
}
