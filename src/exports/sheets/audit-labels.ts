/**
 * Chinese names for the audit trail's codes, as 操作日志 prints them: an auditor reads "凭证 过账", not
 * "voucher.post". The code stays in the database and the API; a code made of words not listed here prints
 * as it is, so a new action is never hidden, only untranslated until it is added.
 */
const OBJECT: Record<string, string> = {
  account: '会计科目',
  allocation: '批量分配',
  archive: '会计档案',
  asset: '固定资产',
  auth: '登录',
  'bank-account': '统一账户',
  'bank-match': '银行对账',
  'bank-reconciliation': '银行存款余额调节表',
  'bank-settings': '银行设置',
  'bank-share': '账户份额',
  'bank-statement': '银行流水',
  bank: '银行',
  books: '账簿',
  budget: '预算',
  center: '核算中心',
  claim: '报销单',
  claims: '报销',
  claim_rule_set: '报销规则集',
  'dues-roll': '会费名册',
  export: '导出',
  fiscal_year: '会计年度',
  fixed_asset: '固定资产',
  grant: '授权',
  ledger: '账簿',
  opening: '期初余额',
  opening_balances: '期初余额',
  period: '会计期间',
  project: '项目',
  receipt: '收款',
  'statement-format': '报表格式',
  statements: '会计报表',
  union: '工会',
  user: '用户',
  voucher: '凭证',
  year: '会计年度',
};

const VERB: Record<string, string> = {
  add: '添加',
  approve: '审批同意',
  attach: '上传附件',
  auto: '自动',
  cancel: '作废',
  cashier: '出纳签字',
  change: '修改',
  check: '复核',
  close: '结账',
  confirm: '确认',
  create: '新增',
  delete: '删除',
  detach: '删除附件',
  disable: '停用',
  discard: '废弃',
  dispose: '处置',
  download: '下载',
  edit: '修改',
  enable: '启用',
  failed: '失败',
  import: '导入',
  login: '登录',
  logout: '退出登录',
  manual: '手工',
  migrate: '系统迁移',
  password: '密码',
  pay: '支付',
  post: '审核过账',
  record: '登记',
  refresh: '刷新会话',
  reject: '驳回',
  remove: '移除',
  reopen: '反结账',
  reset: '重置',
  return: '退回',
  reused: '令牌重复使用',
  reverse: '红字冲销',
  review: '审核',
  'rule-set': '规则集',
  set: '设置',
  settings: '设置',
  signers: '签字人',
  'sign-off': '签认',
  submit: '提交',
  suspend: '暂停',
  resume: '恢复',
  undo: '撤销',
  update: '修改',
  upload: '上传',
  withdraw: '撤回',
};

/** 'voucher.post' → '凭证 审核过账'; 'user.password.reset' → '用户 密码 重置'. */
export function auditActionLabel(action: string): string {
  const [object, ...verbs] = action.split('.');
  const words = [OBJECT[object], ...verbs.map((v) => VERB[v])];
  return words.every(Boolean) ? words.join(' ') : action;
}

/** 'voucher' → '凭证'. */
export function auditObjectLabel(entityType: string): string {
  return OBJECT[entityType] ?? entityType;
}
