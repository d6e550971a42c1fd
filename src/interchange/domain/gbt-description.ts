import { formatPeriod } from '../../common/period';
import { GBT_FORMAT_VERSION, GBT_STANDARD, LedgerInfo } from './gbt-records';

/** Names of the files in a GB/T 24589 export (a zip). */
export const GBT_FILES = {
  master: '公共档案.xml',
  ledger: '总账.xml',
  schema: 'gbt24589.xsd',
  description: '格式说明文件.txt',
} as const;

/** 格式说明文件: what each file and table holds, in words an auditor's tool operator reads. */
export function describeExport(i: LedgerInfo): string {
  return [
    `会计核算软件数据接口 格式说明文件`,
    ``,
    `依据标准：${GBT_STANDARD}《财经信息技术 会计核算软件数据接口 第2部分：行政事业单位》的结构（格式版本 ${GBT_FORMAT_VERSION}）`,
    `会计核算单位：${i.unionName}（${i.unionCode}），记账单位：${i.centerName}`,
    `期间：${formatPeriod(i.from)} 至 ${formatPeriod(i.to)}；导出时间：${i.exportedAt}；导出人：${i.exportedBy}`,
    `软件：${i.software} ${i.softwareVersion}`,
    ``,
    `文件`,
    `  ${GBT_FILES.master}  基础档案：电子账簿、会计期间、凭证类型、币种、辅助核算类型与项目（资金性质、项目）`,
    `  ${GBT_FILES.ledger}  总账：科目表参数、科目结构、科目表、期初余额、科目余额及发生额、记账凭证（含分录）、财务报表（已结账月份的工会01表、02表）`,
    `  ${GBT_FILES.schema}  上述两个 XML 文件的 XML Schema（本软件公布的格式，可用 xmllint --schema 校验）`,
    `  ${GBT_FILES.description}  本文件`,
    ``,
    `编码与格式`,
    `  字符集 UTF-8；XML 1.0；元素名为数据元素中文名称；每条记录一个元素，数据元素为其子元素，顺序固定，空值不输出。`,
    `  金额：人民币元，两位小数，小数点为“.”，无千分位；红字凭证的金额为负数。`,
    `  余额：以“余额方向”（借/贷/平）加非负金额表示。日期 YYYY-MM-DD，会计期间 YYYY-MM，时间为带时区的 ISO 8601。`,
    `  科目编码规则 3-2-2-2（一级科目 3 位，每级明细 2 位，最多 4 级），一级科目为《工会会计制度》（财会〔2021〕7号）科目。`,
    `  凭证类型：general 记（记账凭证）、receipt 收、payment 付、transfer 转；凭证编号按单位、会计期间、凭证类型连续编号。`,
    `  凭证来源：manual 手工、reversal 红字冲销、claim 报销、closing 结转、import 导入、receipt 收款、allocation 经费分配、withdrawal 退出、correction 以前年度调整、asset 固定资产。`,
    `  辅助核算：资金性质（restricted 专项、unrestricted 非专项）、项目（项目编号）。`,
    ``,
    `表与数据元素`,
    `  期初余额：起始期间期初，每个末级科目（及项目）一条。`,
    `  科目余额及发生额：每个会计期间、每个有余额或发生额的科目（各级，上级为下级之和）一条：期初余额、借方发生额、贷方发生额、期末余额。`,
    `  记账凭证：只含已记账凭证，按会计期间、凭证类型、凭证编号排序；分录按分录序号。制单人、审核人、出纳、记账人为姓名。`,
    `  财务报表：已结账月份保存的报表，报表项目的“数值1、数值2…”依次为报表各金额栏（01表：年初余额、期末余额；02表：本月数、本年累计数）。`,
    ``,
  ].join('\n');
}
