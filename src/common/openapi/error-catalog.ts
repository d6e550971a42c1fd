import { ERROR_STATUS, ErrorCode } from '../http/error-status';

/**
 * Codes the HTTP layer answers with on its own (the exception filter's answers to Fastify and Nest
 * exceptions), beside the domain codes of ERROR_STATUS.
 */
const HTTP_ERROR_STATUS = {
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
} as const;

export type ApiErrorCode = ErrorCode | keyof typeof HTTP_ERROR_STATUS;

export function apiErrorStatus(code: ApiErrorCode): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? HTTP_ERROR_STATUS[code as keyof typeof HTTP_ERROR_STATUS];
}

/**
 * What each code means, in the clerk's language: published in the OpenAPI document beside every response
 * that can carry the code. A `Record` over every code, so a new code does not compile without its line.
 */
export const ERROR_MEANING: Record<ApiErrorCode, string> = {
  VALIDATION_FAILED: '请求参数不合法（details.errors 逐项列出字段和原因）',
  AMOUNT_INVALID: '金额格式不正确：须为字符串，最多两位小数',
  AMOUNT_OUT_OF_RANGE: '金额或余额超出允许范围',
  NOT_FOUND: '资源不存在，或不在您的授权范围内',
  CONFLICT: '数据已被其他操作修改或仍被引用',
  CONCURRENT_UPDATE: '其他用户正在处理相同的数据，请稍后重试',
  INTERNAL_ERROR: '系统内部错误（请提供请求编号 requestId 联系管理员）',
  SERVICE_UNAVAILABLE: '服务暂不可用（如数据库不可达），请稍后重试',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求的内容类型不受支持',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',

  UNAUTHENTICATED: '未登录：缺少 Authorization: Bearer 令牌',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '密码错误次数过多，账户暂时锁定',
  ACCOUNT_DISABLED: '账户已停用',
  TOKEN_INVALID: '登录凭证无效或已过期',
  REFRESH_TOKEN_INVALID: '刷新凭证无效或已过期',
  REFRESH_TOKEN_REUSED: '刷新凭证被重复使用，该登录已全部作废',
  PASSWORD_POLICY: '密码不符合要求',
  PASSWORD_CHANGE_REQUIRED: '须先修改初始密码',
  FORBIDDEN: '您的角色没有此操作的权限',
  USERNAME_TAKEN: '用户名已存在',
  GRANT_EXISTS: '该用户已有此授权',
  GRANT_SCOPE_INVALID: '授权范围与角色不符（中心角色须指定中心，工会角色须指定工会）',
  SOD_INCOMPATIBLE_GRANTS: '不相容职务：同一人不能在同一中心兼任出纳和会计',
  SOD_SELF_REVIEW: '审核与制单须由不同的人完成',
  LAST_ADMIN: '不能停用最后一位系统管理员',
  SELF_DISABLE: '不能停用自己的账户',

  CENTER_CODE_TAKEN: '核算中心编码已存在',
  CENTER_NOT_FOUND: '核算中心不存在或无权访问',
  UNION_CODE_TAKEN: '本中心已有相同编码的工会',
  UNION_WITHDRAWN: '工会已撤销，账簿只读',
  UNION_STATUS_TRANSITION: '工会当前状态不允许此变更',
  UNION_BOOKS_STARTED: '工会已开始记账，不能再修改建账信息',

  VOUCHER_UNBALANCED: '借贷不平衡',
  LINE_SIDE_INVALID: '每条分录须且只能填写借方或贷方之一',
  VOUCHER_TOO_FEW_LINES: '凭证至少需要两条分录',
  AMOUNT_SIGN_INVALID: '金额方向不正确（蓝字为正，红字为负）',
  VOUCHER_TYPE_NOT_ALLOWED: '本工会的编号方式不使用该凭证类别',
  VOUCHER_TYPE_MISMATCH: '凭证类别与分录内容不符（收款、付款、转账）',
  VOUCHER_NOT_DRAFT: '凭证已过账，不是草稿',
  VOUCHER_CHANGED: '凭证在审核期间被修改，请重新审核',
  VOUCHER_POSTED_IMMUTABLE: '已过账凭证不能修改或删除，请红字冲销',
  VOUCHER_ALREADY_REVERSED: '该凭证已被冲销',
  VOUCHER_IS_REVERSAL: '红字冲销凭证不能再冲销',
  VOUCHER_NOT_POSTED: '凭证尚未过账',
  REVERSAL_DATE_INVALID: '冲销日期不能早于原凭证日期',
  ACCOUNT_NOT_FOUND: '科目不存在',
  ACCOUNT_NOT_LEAF: '只能使用末级科目',
  ACCOUNT_INACTIVE: '科目已停用',
  ACCOUNT_CODE_INVALID: '科目编码不符合规则（上级编码加两位）',
  ACCOUNT_CODE_TAKEN: '科目编码已存在',
  ACCOUNT_STANDARD: '会计制度规定的科目不能删除或改名',
  ACCOUNT_HAS_POSTINGS: '科目已有发生额或余额，不能删除，只能停用',
  ACCOUNT_HAS_CHILDREN: '科目有下级科目',
  ACCOUNT_HAS_BALANCE: '科目尚有余额，不能停用',
  ACCOUNT_LEVEL_EXCEEDED: '科目级次超过上限',
  FUND_TYPE_NOT_APPLICABLE: '只有收入、支出科目区分专项与非专项',
  FUND_TYPE_INVALID: '资金性质不正确',
  PROJECT_REQUIRED: '专项资金须指定项目',
  PROJECT_NOT_FOUND: '项目不存在或已停用',
  PROJECT_CODE_TAKEN: '项目编码已存在',
  PERIOD_CLOSED: '会计期间已结账',
  PERIOD_BEFORE_START: '日期早于工会的建账期间',
  PERIOD_NOT_ENDED: '该月尚未结束，不能结账',
  PERIOD_HAS_DRAFTS: '该期间还有未过账的草稿凭证',
  PERIOD_EARLIER_OPEN: '之前的期间尚未结账',
  PERIOD_LATER_CLOSED: '之后的期间已结账，须先反结账之后的期间',
  PERIOD_ALREADY_CLOSED: '该期间已结账',
  PERIOD_NOT_CLOSED: '该期间尚未结账',
  PERIOD_RANGE_INVALID: '起始期间不能晚于结束期间，或范围过大',
  OPENING_BALANCES_LOCKED: '已过账或已结账，期初余额不能再修改',
  OPENING_BALANCES_UNBALANCED: '期初余额借贷不平衡',
  OPENING_BALANCE_DUPLICATE: '同一科目出现了两次',
  VOUCHER_NUMBER_SEQUENCE: '凭证号只能在过账时按顺序分配',
  INSUFFICIENT_FUNDS: '可用资金不足（余额减去已批准未支付的预留）',

  CLAIM_STATUS: '报销单当前状态不允许此操作',
  CLAIM_LINE_AMOUNT: '明细金额与数量、单价不符',
  CLAIM_ACCOUNT_INVALID: '列支科目不是本工会的末级支出科目',
  CLAIM_PAYEE_INVALID: '收款人信息不完整或不符合支付方式',
  CLAIM_BENEFICIARIES_INVALID: '受益会员名单不正确',
  CLAIM_RULES_FAILED: '未通过报销审核规则（details 列出未通过的规则及依据）',
  COMMITTEE_DECISION_REQUIRED: '超过限额须有集体研究记录',
  CASH_LIMIT_EXCEEDED: '超过现金支付限额',
  SELF_APPROVAL_FORBIDDEN: '不能审批自己提交的报销单',
  IDEMPOTENCY_KEY_REQUIRED: '缺少 Idempotency-Key 请求头',
  IDEMPOTENCY_KEY_REUSED: '同一 Idempotency-Key 用于了不同的请求',
  DUPLICATE_INVOICE: '该发票或文件已用于另一张报销单',
  ATTACHMENT_TOO_LARGE: '附件超过 10 MB',
  ATTACHMENT_TYPE_NOT_ALLOWED: '附件类型不允许（PDF、OFD、JPEG、PNG）',
  ATTACHMENT_INVALID: '上传内容不正确',
  RULE_SET_INVALID: '规则集内容不正确',
  RULE_SET_EXISTS: '同一生效日期已有规则集',

  EXPORT_TOO_LARGE_FOR_DIRECT: '数据量超过直接下载上限，请改用后台导出',
  EXPORT_NOT_READY: '导出尚未完成',
  EXPORT_EXPIRED: '导出文件已过保留期，请重新导出',
};
