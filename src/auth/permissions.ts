/**
 * Who may do what, and where. Pure: the guard and the services ask these functions; nothing here knows
 * about HTTP or the database.
 */
export const Roles = ['system_admin', 'director', 'accountant', 'cashier', 'chair', 'clerk', 'auditor'] as const;
export type Role = (typeof Roles)[number];

export const ROLE_LABEL: Record<Role, string> = {
  system_admin: '系统管理员',
  director: '中心主任',
  accountant: '会计',
  cashier: '出纳',
  chair: '工会主席',
  clerk: '报账员',
  auditor: '审计/经审',
};

export const Permissions = [
  'centers:manage',
  'users:manage',
  'unions:read',
  'unions:manage',
  'books:read',
  'chart:read',
  'balances:read',
  'chart:manage',
  'opening:manage',
  'vouchers:prepare',
  'vouchers:post',
  'vouchers:reverse',
  'periods:close',
  'periods:reopen',
  'audit:read',
  'integrity:read',
  'claims:read',
  'claims:submit',
  'claims:approve',
  'claims:review',
  'claims:pay',
  'claims:configure',
  'exports:create',
  'ledger:configure',
  'unions:withdraw',
  'bank:read',
  'bank:manage',
  'bank:operate',
  'bank:reconcile',
  'receipts:read',
  'receipts:record',
  'books:configure',
  'assets:manage',
  'budgets:manage',
  'budgets:approve',
  'archive:manage',
  'archive:read',
] as const;
export type Permission = (typeof Permissions)[number];

/** What each permission lets one do, as a 403 names it to the clerk (a new permission needs its label). */
export const PERMISSION_LABEL: Record<Permission, string> = {
  'centers:manage': '管理核算中心',
  'users:manage': '管理用户和授权',
  'unions:read': '查看工会',
  'unions:manage': '管理工会',
  'books:read': '查阅账簿',
  'chart:read': '查阅会计科目和项目',
  'balances:read': '查询余额',
  'chart:manage': '维护会计科目和项目',
  'opening:manage': '录入期初余额',
  'vouchers:prepare': '编制凭证',
  'vouchers:post': '审核过账',
  'vouchers:reverse': '冲销凭证',
  'periods:close': '结账',
  'periods:reopen': '反结账',
  'audit:read': '查阅审计日志',
  'integrity:read': '完整性校验',
  'claims:read': '查看报销单',
  'claims:submit': '提交报销',
  'claims:approve': '审批报销',
  'claims:review': '审核报销',
  'claims:pay': '支付报销',
  'claims:configure': '设置报销规则',
  'exports:create': '导出账表',
  'ledger:configure': '设置中心核算规则',
  'unions:withdraw': '办理工会退出集中核算',
  'bank:read': '查看统一账户与银行对账',
  'bank:manage': '管理统一账户',
  'bank:operate': '导入对账单、分配经费、银行对账',
  'bank:reconcile': '确认银行对账（签认余额调节表）',
  'receipts:read': '查看收款',
  'receipts:record': '登记收款',
  'books:configure': '设置结转方式和预算控制',
  'assets:manage': '管理固定资产卡片',
  'budgets:manage': '编制预算',
  'budgets:approve': '批准预算',
  'archive:manage': '会计档案归档和移交',
  'archive:read': '查阅和下载会计档案',
};

/** The scope a role is granted over: center roles cover every union of the center. */
export const ROLE_SCOPE: Record<Role, 'service' | 'center' | 'union' | 'center-or-union'> = {
  system_admin: 'service',
  director: 'center',
  accountant: 'center',
  cashier: 'center',
  chair: 'union',
  clerk: 'union',
  auditor: 'center-or-union',
};

const READ_BOOKS: Permission[] = ['unions:read', 'books:read', 'chart:read', 'balances:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // centers, users and grants; may see unions but keeps no books
  system_admin: ['centers:manage', 'users:manage', 'unions:read', 'unions:manage'],
  director: [
    ...READ_BOOKS,
    'unions:manage',
    'vouchers:post',
    'vouchers:reverse',
    'periods:reopen',
    'audit:read',
    'integrity:read',
    'claims:read',
    'claims:configure',
    'exports:create',
    'ledger:configure',
    'unions:withdraw',
    'bank:read',
    'bank:manage',
    'bank:reconcile',
    'receipts:read',
    'books:configure',
    'archive:manage',
    'archive:read',
  ],
  accountant: [
    ...READ_BOOKS,
    'chart:manage',
    'opening:manage',
    'vouchers:prepare',
    'vouchers:post',
    'vouchers:reverse',
    'periods:close',
    'integrity:read',
    'claims:read',
    'claims:review',
    'exports:create',
    'bank:read',
    'receipts:read',
    'assets:manage',
    'budgets:manage',
    'archive:manage',
    'archive:read',
  ],
  // money in and the bank: records receipts, imports statements, matches them, signs the reconciliation off
  cashier: [...READ_BOOKS, 'claims:read', 'claims:pay', 'bank:read', 'bank:operate', 'bank:reconcile', 'receipts:read', 'receipts:record'],
  // a chair may raise a claim too, which another chair of the union then approves (never their own)
  // the union's budget is its own: its chair prepares it and records the committee's approval
  chair: [...READ_BOOKS, 'claims:read', 'claims:submit', 'claims:approve', 'receipts:read', 'budgets:manage', 'budgets:approve', 'archive:read'],
  // the chart's names and projects: a clerk picks a claim's expense account by name
  clerk: ['unions:read', 'chart:read', 'balances:read', 'claims:read', 'claims:submit'],
  // reads everything in scope, changes nothing
  auditor: [...READ_BOOKS, 'audit:read', 'integrity:read', 'claims:read', 'exports:create', 'bank:read', 'receipts:read', 'archive:read'],
};

/**
 * 不相容职务 (会计基础工作规范 第十二条, brief §6.1): the cashier may not also review (稽核, 审核), keep the
 * books or audit them. Pairs of roles one person may not hold over the same center (a union-scoped auditor
 * grant counts for the union's center). The cashier's permissions never include posting or reviewing.
 */
export const INCOMPATIBLE_ROLES: readonly [Role, Role][] = [
  ['cashier', 'accountant'],
  ['cashier', 'director'],
  ['cashier', 'auditor'],
];

export interface GrantScope {
  role: Role;
  centerId: string | null;
  unionId: string | null;
}

export interface UnionScope {
  id: string;
  centerId: string;
}

export function covers(grant: GrantScope, union: UnionScope): boolean {
  if (grant.role === 'system_admin') return true;
  return grant.unionId === union.id || (grant.unionId === null && grant.centerId === union.centerId);
}

export function allows(grant: GrantScope, permission: Permission): boolean {
  return ROLE_PERMISSIONS[grant.role].includes(permission);
}

/**
 * On one union: "not-found" when no grant covers it (so another union's ids answer like ids that do not
 * exist), "forbidden" when grants cover it but none gives the permission.
 */
export function decideOnUnion(grants: readonly GrantScope[], union: UnionScope, permission: Permission): 'allowed' | 'not-found' | 'forbidden' {
  const covering = grants.filter((g) => covers(g, union));
  if (covering.length === 0) return 'not-found';
  return covering.some((g) => allows(g, permission)) ? 'allowed' : 'forbidden';
}

/** On one center's own settings: only center-wide grants (and administrators) cover a center. */
export function decideOnCenter(grants: readonly GrantScope[], centerId: string, permission: Permission): 'allowed' | 'not-found' | 'forbidden' {
  const covering = grants.filter((g) => g.role === 'system_admin' || (g.centerId === centerId && g.unionId === null));
  if (covering.length === 0) return 'not-found';
  return covering.some((g) => allows(g, permission)) ? 'allowed' : 'forbidden';
}

/** The roles that hold a permission, in the order of `Roles`. */
export function rolesHolding(permission: Permission): Role[] {
  return Roles.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export function allowedAnywhere(grants: readonly GrantScope[], permission: Permission): boolean {
  return grants.some((g) => allows(g, permission));
}

/** Where a permission holds: everywhere, or these centers and unions. */
export function reach(grants: readonly GrantScope[], permission: Permission): { all: boolean; centerIds: string[]; unionIds: string[] } {
  const granting = grants.filter((g) => allows(g, permission));
  return {
    all: granting.some((g) => g.role === 'system_admin'),
    centerIds: [...new Set(granting.flatMap((g) => (g.centerId && !g.unionId ? [g.centerId] : [])))],
    unionIds: [...new Set(granting.flatMap((g) => (g.unionId ? [g.unionId] : [])))],
  };
}

/** Checks a grant's scope fits its role; returns the problem, or null. */
export function scopeProblem(grant: GrantScope): string | null {
  switch (ROLE_SCOPE[grant.role]) {
    case 'service':
      return grant.centerId || grant.unionId ? '系统管理员不限定中心或工会' : null;
    case 'center':
      return grant.centerId && !grant.unionId ? null : `${ROLE_LABEL[grant.role]}须授权到一个核算中心`;
    case 'union':
      return grant.unionId && !grant.centerId ? null : `${ROLE_LABEL[grant.role]}须授权到一个工会`;
    case 'center-or-union':
      return (grant.centerId === null) !== (grant.unionId === null) ? null : '审计须授权到一个核算中心或一个工会';
  }
}

/**
 * A new grant that would make its holder hold incompatible roles in one center; returns the clash, or null.
 * `centerOfUnion` resolves the center of union-scoped grants (an auditor of one union of the center).
 */
export function incompatibility(
  existing: readonly GrantScope[],
  added: GrantScope,
  centerOfUnion: (unionId: string) => string | undefined,
): [Role, Role] | null {
  const centerOf = (g: GrantScope) => g.centerId ?? (g.unionId ? centerOfUnion(g.unionId) : undefined);
  const center = centerOf(added);
  if (!center) return null;
  for (const [a, b] of INCOMPATIBLE_ROLES) {
    const other = added.role === a ? b : added.role === b ? a : null;
    if (other && existing.some((g) => g.role === other && centerOf(g) === center)) return [added.role, other];
  }
  return null;
}
