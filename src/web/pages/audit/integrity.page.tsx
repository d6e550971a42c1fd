import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatDateTime } from '../../ui/format';
import { ItemList } from '../../ui/item-list';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';

type Report = Schemas['IntegrityReportResponse'];

const PROBLEM: Record<string, string> = {
  'content-altered': '记录内容被改动',
  'link-broken': '与上一条记录的链接断开',
  'sequence-gap': '序号缺失（有记录被删除）',
};

/** 202603 → "2026年3月" */
const monthOf = (p: number) => `${Math.floor(p / 100)}年${p % 100}月`;

const shortHash = (h: string | null | undefined) => (h ? `${h.slice(0, 12)}…` : '—');

/**
 * 完整性校验 in plain words: the server recomputes the audit chain, the voucher chain, every balance and the
 * voucher numbering; each comes back as "通过" or as the list of what broke, where.
 */
export function IntegrityPage() {
  const union = useUnion();
  const report = useApi(() => call(api.GET('/api/unions/{unionId}/integrity', { params: { path: { unionId: union.id } } })), [union.id]);
  return (
    <>
      <PageHeader
        title="完整性校验"
        sub={union.name}
        extra={
          <Button onClick={report.reload} loading={report.loading}>
            重新校验
          </Button>
        }
      />
      <PageState loaded={report}>{(r) => <ReportView report={r} />}</PageState>
    </>
  );
}

function Verdict({ ok }: { ok: boolean }) {
  return ok ? <Tag color="success">通过</Tag> : <Tag color="error">发现问题</Tag>;
}

function ReportView({ report: r }: { report: Report }) {
  return (
    <>
      {r.ok ? (
        <Alert type="success" showIcon title="账簿与日志完整：操作日志链、凭证链、余额和凭证编号全部核对无误。" description={`校验时间 ${formatDateTime(r.verifiedAt)}`} />
      ) : (
        <Alert type="error" showIcon role="alert" title="发现问题：账簿或日志可能被绕过系统改动。" description="请把本页内容截图交给中心主任和系统管理员，并保留现场，不要再做修改。" />
      )}
      <Card title={<>操作日志链 <Verdict ok={r.audit.ok} /></>} style={{ marginTop: 16 }}>
        <ChainView chain={r.audit} noun="条操作记录" />
      </Card>
      <Card title={<>账簿链 <Verdict ok={r.records.ok} /></>} style={{ marginTop: 16 }}>
        <ChainView chain={r.records} noun="条账簿变动记录" />
        <p>逐行与记录比对了 {r.records.rowsCompared} 行（凭证、冲销、期初余额、期间、报销单、资金预留等）。</p>
        {r.records.mismatches.length > 0 && (
          <Alert type="error" showIcon title={`${r.records.mismatches.length} 行与账簿链记录不符`} description={r.records.mismatches.map((m) => `${m.kind} ${m.key}`).join('、')} />
        )}
      </Card>
      {r.legacyVouchers.count > 0 && (
        <Card title={<>历史凭证链 <Verdict ok={r.legacyVouchers.ok} /></>} style={{ marginTop: 16 }}>
          <ChainView chain={r.legacyVouchers} noun="张账簿链启用前过账的凭证" />
        </Card>
      )}
      <Card title={<>余额重算 <Verdict ok={r.balances.ok} /></>} style={{ marginTop: 16 }}>
        <p>由期初余额和全部分录重算了 {r.balances.rows} 个科目月余额。</p>
        {r.balances.mismatches.length > 0 && (
          <ItemList
            label="余额不符"
            empty=""
            items={r.balances.mismatches}
            render={(m) => `科目 ${m.account}，${monthOf(m.period)}：应为 ${m.expected ?? '无'}，余额表为 ${m.stored ?? '无'}`}
          />
        )}
      </Card>
      <Card title={<>凭证编号 <Verdict ok={r.numbering.ok} /></>} style={{ marginTop: 16 }}>
        {r.numbering.gaps.length === 0 ? (
          <p>每月每类凭证的编号从 1 起连续无断号。</p>
        ) : (
          <ItemList
            label="编号断号"
            empty=""
            items={r.numbering.gaps}
            render={(g) => `${monthOf(g.period)} ${g.type}：${g.count} 张凭证，最大编号 ${g.maxNumber}（有断号）`}
          />
        )}
      </Card>
    </>
  );
}

function ChainView({ chain, noun }: { chain: Schemas['ChainSectionResponse']; noun: string }) {
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="记录数">
          {chain.count} {noun}
        </Descriptions.Item>
        <Descriptions.Item label="首条哈希">
          <code title={chain.firstHash ?? ''}>{shortHash(chain.firstHash)}</code>
        </Descriptions.Item>
        <Descriptions.Item label="链头">
          {chain.head ? (
            <>
              第 {chain.head.seq} 条 <code title={chain.head.hash}>{shortHash(chain.head.hash)}</code>
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      {chain.breaks.length > 0 && (
        <ItemList label="断点" empty="" items={chain.breaks} render={(b) => `第 ${b.seq} 条：${PROBLEM[b.problem] ?? b.problem}`} />
      )}
    </>
  );
}
