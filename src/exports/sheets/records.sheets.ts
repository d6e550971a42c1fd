import { formatPeriod } from '../../common/period';
import { CLAIM_KIND_LABEL, ClaimKind, DOCUMENT_KIND_LABEL, DocumentKind } from '../../claims/domain/claim-kinds';
import { CLAIM_STATUS_LABEL, ClaimStatus } from '../../claims/domain/claim.rules';
import { formatVoucherNumber, VoucherType } from '../../ledger/domain/voucher-type';
import type { AttestedReport } from '../../integrity/integrity.service';
import type { ChainSection } from '../../integrity/books-verifier';
import { fingerprint } from '../../integrity/domain/checkpoint.rules';
import { SIGNED_CHECKPOINT_LABEL } from '../../integrity/cover-checkpoint';
import { Snapshot } from '../snapshot';
import { TableBook, Column, day, localTime, money } from '../xlsx/audit-workbook';
import { auditActionLabel, auditObjectLabel } from './audit-labels';
import { ExportContext, firstDayOf, lastDayOf, subtitle } from './export-context';

type Row = Record<string, string | number | Date | null>;

/** 报销单, 审批记录, 附件清单: the claims whose spending falls in the months, with every step and document. */
export async function writeClaims(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const range = [ctx.unionId, firstDayOf(ctx.from), lastDayOf(ctx.to)];
  const claims = book.sheet({
    name: '报销单',
    title: '报销单',
    subtitle: subtitle(ctx),
    columns: [
      col('报销单号', 14), col('状态', 10), col('类别', 14), col('事由', 28), col('业务日期', 11, 'date'), col('金额', 14, 'money'),
      col('收款人', 18), col('列支科目', 10), col('受益人数', 8, 'int'), col('集体研究', 22), col('经办人', 10), col('支付日期', 11, 'date'),
      col('付款凭证', 15),
    ],
  });
  const rows = snap.cursor<Row>(
    `SELECT c.number, c.status, c.kind, c.purpose, to_char(c.event_date, 'YYYY-MM-DD') AS event_date, c.amount, c.payee_name,
            c.expense_account, (SELECT count(*)::int FROM claim_beneficiaries b WHERE b.union_id = c.union_id AND b.claim_id = c.id) AS people,
            CASE WHEN c.committee_ref IS NULL THEN NULL ELSE to_char(c.committee_date, 'YYYY-MM-DD') || ' ' || c.committee_ref END AS committee,
            c.created_by_name, to_char(c.payment_date, 'YYYY-MM-DD') AS payment_date, v.voucher_type, v.period, v.number AS voucher_number
       FROM claims c LEFT JOIN vouchers v ON v.union_id = c.union_id AND v.id = c.voucher_id
      WHERE c.union_id = $1 AND c.event_date BETWEEN $2 AND $3 ORDER BY c.number`,
    range,
  );
  for await (const r of rows) {
    await claims.add([
      r.number, CLAIM_STATUS_LABEL[r.status as ClaimStatus], CLAIM_KIND_LABEL[r.kind as ClaimKind], r.purpose, day(r.event_date as string),
      money(r.amount as string), r.payee_name, r.expense_account, r.people, r.committee, r.created_by_name, day(r.payment_date as string | null),
      r.voucher_number === null ? null : formatVoucherNumber(r.voucher_type as VoucherType, Number(r.period), Number(r.voucher_number)),
    ]);
    ctx.progress(1);
  }
  await claims.end();

  const history = book.sheet({
    name: '审批记录',
    title: '报销审批记录',
    subtitle: subtitle(ctx),
    columns: [col('报销单号', 14), col('序号', 5, 'int'), col('环节', 10), col('原状态', 10), col('新状态', 10), col('办理人', 12), col('意见', 36), col('时间', 19, 'datetime')],
  });
  const events = snap.cursor<Row>(
    `SELECT c.number, e.seq, e.action, e.from_status, e.to_status, e.actor_name, e.comment, e.at
       FROM claim_events e JOIN claims c ON c.union_id = e.union_id AND c.id = e.claim_id
      WHERE c.union_id = $1 AND c.event_date BETWEEN $2 AND $3 ORDER BY c.number, e.seq`,
    range,
  );
  for await (const e of events) {
    await history.add([
      e.number, e.seq, ACTION_LABEL[e.action as string] ?? e.action, e.from_status ? CLAIM_STATUS_LABEL[e.from_status as ClaimStatus] : null,
      CLAIM_STATUS_LABEL[e.to_status as ClaimStatus], e.actor_name, e.comment, e.at as Date,
    ]);
    ctx.progress(1);
  }
  await history.end();

  const documents = book.sheet({
    name: '附件清单',
    title: '报销附件清单',
    subtitle: subtitle(ctx),
    columns: [col('报销单号', 14), col('单据类别', 14), col('文件名', 28), col('大小（字节）', 12, 'int'), col('发票代码', 14), col('发票号码', 22), col('SHA-256', 66), col('上传人', 10), col('上传时间', 19, 'datetime')],
  });
  const files = snap.cursor<Row>(
    `SELECT c.number, a.kind, a.file_name, a.size, a.invoice_code, a.invoice_number, a.sha256, a.uploaded_by_name, a.created_at
       FROM claim_attachments a JOIN claims c ON c.union_id = a.union_id AND c.id = a.claim_id
      WHERE c.union_id = $1 AND c.event_date BETWEEN $2 AND $3 ORDER BY c.number, a.created_at`,
    range,
  );
  for await (const f of files) {
    await documents.add([f.number, DOCUMENT_KIND_LABEL[f.kind as DocumentKind], f.file_name, f.size, f.invoice_code, f.invoice_number, f.sha256, f.uploaded_by_name, f.created_at as Date]);
    ctx.progress(1);
  }
  await documents.end();
}

/** 操作日志: the union's audit records made during the months, with their hash links. */
export async function writeAuditLog(book: TableBook, snap: Snapshot, ctx: ExportContext): Promise<void> {
  const sheet = book.sheet({
    name: '操作日志',
    title: '操作日志',
    subtitle: subtitle(ctx),
    columns: [
      col('序号', 8, 'int'), col('时间', 19, 'datetime'), col('用户', 14), col('操作', 18), col('对象', 12), col('对象编号', 38), col('变更前', 40), col('变更后', 40),
      col('请求号', 38), col('地址', 15), col('前一记录哈希', 66), col('本记录哈希', 66),
    ],
  });
  const rows = snap.cursor<Row>(
    `SELECT seq, at, username, action, entity_type, entity_id, before::text AS before, after::text AS after, request_id, client_ip, prev_hash, hash
       FROM audit_log WHERE union_id = $1 AND at >= $2::date AND at < ($3::date + 1) ORDER BY seq`,
    [ctx.unionId, firstDayOf(ctx.from), lastDayOf(ctx.to)],
  );
  for await (const r of rows) {
    await sheet.add([Number(r.seq), r.at as Date, r.username, auditActionLabel(String(r.action)), auditObjectLabel(String(r.entity_type)), r.entity_id, clip(r.before), clip(r.after), r.request_id, r.client_ip, r.prev_hash, r.hash]);
    ctx.progress(1);
  }
  await sheet.end();
}

/** 封面: whose books, which months, who exported them when, and the integrity of the books at that moment. */
export async function writeCover(book: TableBook, ctx: ExportContext, attested: AttestedReport, contents: string[]): Promise<void> {
  const { report: integrity, checkpoint } = attested;
  const head = (s: ChainSection) => (s.count > 0 ? `#${s.count} ${s.lastHash}` : '（无）');
  const sheet = book.sheet({ name: '封面', title: '审计资料封面', subtitle: subtitle(ctx), columns: [col('项目', 22), col('内容', 90)] });
  const pairs: [string, string | number | Date][] = [
    ['工会', ctx.unionName],
    ['统一社会信用代码', ctx.unionCode],
    ['核算中心', ctx.centerName],
    ['会计期间', `${formatPeriod(ctx.from)} 至 ${formatPeriod(ctx.to)}`],
    ['导出时间', localTime(ctx.generatedAt, ctx.timeZone)],
    ['导出人', ctx.generatedBy],
    ['包含', contents.join('、')],
    [
      '完整性校验结果',
      integrity.ok
        ? '通过：审计日志链、账簿链（凭证、冲销、期初余额、结账、报销、资金预留）、余额、凭证编号与勾稽关系均无异常'
        : '未通过：请勿依据本资料签署，并联系核算中心',
    ],
    ['校验时间', localTime(integrity.verifiedAt, ctx.timeZone)],
    ['审计日志链头', head(integrity.audit)],
    ['账簿链头', head(integrity.records)],
    ['历史凭证链头', head(integrity.legacyVouchers)],
    ['余额校验', integrity.balances.ok ? `一致（${integrity.balances.rows} 行）` : `${integrity.balances.mismatches.length} 处不一致`],
    ['凭证编号校验', integrity.numbering.ok ? '连续无缺号' : `${integrity.numbering.gaps.length} 处缺号`],
    ['勾稽校验', integrity.semantics.ok ? '无异常' : `${integrity.semantics.problems.length} 处异常`],
    ['签名公钥指纹（Ed25519）', checkpoint ? fingerprint(checkpoint.key) : '（未签名）'],
    [SIGNED_CHECKPOINT_LABEL, checkpoint ? JSON.stringify(checkpoint) : '（未签名）'],
    [
      '校验了什么',
      '导出时，系统逐条重新计算了本工会审计日志和账簿（凭证、冲销、期初余额、结账、报销、资金预留）中每一条记录的哈希，' +
        '与链上记录逐一比对，并复核了科目余额、凭证编号连续性和勾稽关系。',
    ],
    [
      '链头是什么',
      '每条记录的哈希都包含前一条记录的哈希，记录依次串成一条链；链头是链上最后一条记录的序号和哈希值，相当于账簿在导出时刻的“指纹”。' +
        '此前任何一条记录被改动、删除或回退，重新计算出的链头都会对不上。',
    ],
    [
      '如何再次核对',
      '请核算中心在系统“完整性校验”页面对本工会重新校验：结果为“通过”，且本页链头所指的记录仍在链上、此后只增不改，即证明导出后账簿未被改动。' +
        '也可不连系统离线核对本文件：npm run verify -- --checkpoint 本文件 --public-key 公钥文件（公钥可在系统中下载，其指纹应与上方一致）。' +
        '签名检查点由核算中心的密钥签署，账簿数据库中没有该密钥，改库者无法伪造。',
    ],
  ];
  for (const [k, v] of pairs) await sheet.add([k, typeof v === 'number' ? String(v) : (v as string)]);
  await sheet.end();
}

const ACTION_LABEL: Record<string, string> = {
  create: '创建', edit: '修改', submit: '提交', withdraw: '撤回', approve: '审批', reject: '驳回', review: '审核', check: '复核',
  return: '退回', cancel: '作废', pay: '付款', post: '记账', migrate: '流程调整',
};

function col(header: string, width: number, type: Column['type'] = 'text'): Column {
  return { header, width, type };
}

/** Excel holds at most 32,767 characters in a cell. */
function clip(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s.length > 32_000 ? `${s.slice(0, 32_000)}…` : s;
}
