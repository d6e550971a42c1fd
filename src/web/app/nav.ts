import type { Me } from '../data/session';
import { canAnywhere, canOnUnion, centersWith, type Permission, type UnionRef } from './access';

export interface NavItem {
  key: string;
  label: string;
  path: string;
}

export interface NavGroup {
  key: string;
  label: string;
  items: NavItem[];
}

/** The menu: only what the user's roles may open, for the union they are in (if any) and their centers. */
export function navigation(user: Me, union: UnionRef | null, centerNames: Record<string, string>): NavGroup[] {
  const groups: NavGroup[] = [{ key: 'home', label: '工作台', items: [{ key: '/', label: '我的待办', path: '/' }] }];
  if (union) {
    const u = `/u/${union.id}`;
    const on = (p: Permission) => canOnUnion(user, union, p);
    const pick = (items: [Permission, string, string][]): NavItem[] => items.filter(([p]) => on(p)).map(([, label, path]) => ({ key: path, label, path }));
    groups.push(
      {
        key: 'claims',
        label: '报销',
        items: pick([
          ['claims:read', '报销单', `${u}/claims`],
          ['claims:submit', '新建报销', `${u}/claims/new`],
          ['unions:read', '本工会概况', u],
        ]),
      },
      {
        key: 'books',
        label: '账簿',
        items: pick([
          ['books:read', '凭证', `${u}/vouchers`],
          ['vouchers:prepare', '录入凭证', `${u}/vouchers/new`],
          ['books:read', '科目余额表', `${u}/trial-balance`],
          ['books:read', '明细账', `${u}/ledger`],
          ['books:read', '结账', `${u}/periods`],
          ['chart:read', '会计科目', `${u}/accounts`],
          ['opening:manage', '期初余额', `${u}/opening`],
          ['opening:manage', '数据导入', `${u}/interchange`],
          ['books:read', '固定资产', `${u}/fixed-assets`],
        ]),
      },
      {
        key: 'reports',
        label: '报表与预算',
        items: pick([
          ['books:read', '会计报表', `${u}/statements`],
          ['books:read', '预算', `${u}/budgets`],
        ]),
      },
      {
        key: 'money',
        label: '资金',
        items: pick([
          ['receipts:read', '收款', `${u}/receipts`],
          ['receipts:read', '会费名册', `${u}/dues`],
        ]),
      },
      {
        key: 'audit',
        label: '审计',
        items: pick([
          ['exports:create', '导出账表', `${u}/exports`],
          ['integrity:read', '完整性校验', `${u}/integrity`],
          ['audit:read', '审计日志', `${u}/audit-log`],
          ['archive:read', '会计档案', `${u}/archive`],
        ]),
      },
    );
  }
  const center: NavItem[] = [];
  for (const id of centersWith(user, 'bank:read')) {
    center.push({ key: `/c/${id}/bank`, label: `统一账户 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/bank` });
    center.push({ key: `/c/${id}/allocations`, label: `经费分配 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/allocations` });
  }
  // read by center staff (read-only unless their role may change them: the page says so)
  for (const id of centersWith(user, 'books:read')) {
    center.push({ key: `/c/${id}/settings`, label: `中心设置 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/settings` });
  }
  for (const id of centersWith(user, 'books:read')) {
    center.push({ key: `/c/${id}/statements`, label: `汇总报表 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/statements` });
  }
  for (const id of centersWith(user, 'periods:close')) {
    center.push({ key: `/c/${id}/close`, label: `批量结账 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/close` });
  }
  for (const id of centersWith(user, 'books:configure')) {
    center.push({ key: `/c/${id}/books-settings`, label: `结转与预算设置 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/books-settings` });
  }
  for (const id of centersWith(user, 'exports:create')) {
    center.push({ key: `/c/${id}/exports`, label: `中心导出 · ${centerNames[id] ?? '中心'}`, path: `/c/${id}/exports` });
  }
  groups.push({ key: 'center', label: '中心', items: center });
  const admin: NavItem[] = [];
  if (canAnywhere(user, 'unions:manage') || canAnywhere(user, 'centers:manage')) admin.push({ key: '/admin/unions', label: '中心与工会', path: '/admin/unions' });
  if (canAnywhere(user, 'users:manage')) {
    admin.push({ key: '/admin/users', label: '用户与授权', path: '/admin/users' });
    admin.push({ key: '/admin/audit-log', label: '系统日志', path: '/admin/audit-log' });
  }
  groups.push({ key: 'admin', label: '管理', items: admin });
  return groups.filter((g) => g.items.length > 0);
}

/** The menu item a path belongs to: the longest item path that prefixes it. */
export function selectedKey(groups: NavGroup[], pathname: string): string | undefined {
  const items = groups.flatMap((g) => g.items);
  const exact = items.find((i) => i.path === pathname);
  if (exact) return exact.key;
  return items
    .filter((i) => i.path !== '/' && pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
