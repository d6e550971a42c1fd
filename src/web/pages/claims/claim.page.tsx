import { CheckCircleTwoTone, CloseCircleTwoTone, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Table, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { actionAllowed, type ClaimStatus } from '../../../claims/domain/claim.rules';
import { yuan } from '../../money/money';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { useMobile } from '../../ui/use-mobile';
import { PrintButton } from '../ledger/print-button';
import { ClaimActions } from './claim-actions';
import { ClaimDocuments } from './claim-documents';
import { kindLabel, OCCASION_LABEL, statusColor } from './claim-labels';

type Claim = Schemas['ClaimResponse'];

/**
 * One claim, for everyone on its path: the clerk adds documents and submits, the chair approves on a phone,
 * the accountant reviews, the cashier pays. The documents sit beside the decision, with the rule results,
 * the union's available funds and the history (as Open Collective shows an expense).
 */
export function ClaimPage() {
  const union = useUnion();
  const { claimId = '' } = useParams();
  const claim = useApi(() => call(api.GET('/api/unions/{unionId}/claims/{id}', { params: { path: { unionId: union.id, id: claimId } } })), [union.id, claimId]);
  return <PageState loaded={claim}>{(c) => <ClaimView claim={c} reload={claim.reload} />}</PageState>;
}

function ClaimView({ claim, reload }: { claim: Claim; reload: () => void }) {
  const union = useUnion();
  const me = useMe();
  const mobile = useMobile();
  const editable = actionAllowed(claim.status as ClaimStatus, 'edit') && canOnUnion(me, union, 'claims:submit');
  const showFunds = canOnUnion(me, union, 'balances:read') && ['submitted', 'approved', 'reviewed'].includes(claim.status);

  const actions = (
    <>
      {editable && (
        <Link to={`/u/${union.id}/claims/${claim.id}/edit`}>
          <Button icon={<EditOutlined />}>修改</Button>
        </Link>
      )}
      <PrintButton url={`/api/unions/${union.id}/claims/${claim.id}.pdf`} fileName={`支出审批单-${claim.number}.pdf`} label="打印审批单" />
      <ClaimActions claim={claim} onDone={reload} />
    </>
  );

  return (
    <div style={{ paddingBottom: mobile ? 72 : 0 }}>
      <PageHeader
        title={
          <>
            {claim.purpose}{' '}
            <Tag color={statusColor(claim.status)} style={{ verticalAlign: 'middle' }}>
              {claim.statusLabel}
            </Tag>
          </>
        }
        sub={`${claim.number} · ${union.name}`}
        extra={mobile ? undefined : actions}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="报销内容">
            <div style={{ fontSize: 26, fontWeight: 600 }} aria-label="报销金额">
              {yuan(claim.amount)}
            </div>
            <div style={{ color: 'rgba(0,0,0,.45)', marginBottom: 12 }}>{claim.amountInWords}</div>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'kind', label: '类别', children: `${kindLabel(claim.kind)}${claim.occasion ? `（${OCCASION_LABEL[claim.occasion as keyof typeof OCCASION_LABEL] ?? claim.occasion}）` : ''}` },
                { key: 'date', label: '发生日期', children: claim.eventDate },
                { key: 'account', label: '列支科目', children: claim.expenseAccount },
                { key: 'fund', label: '资金性质', children: claim.fundType === 'restricted' ? `专项 ${claim.project ?? ''}` : '非专项' },
                { key: 'payee', label: '收款人', children: claim.payeeDetails.name },
                {
                  key: 'pay',
                  label: '支付方式',
                  children: claim.payeeDetails.kind === 'bank' ? `转账 ${claim.payeeDetails.bank ?? ''} ${claim.payeeDetails.account ?? ''}` : '现金',
                },
                { key: 'by', label: '经办人', children: claim.createdBy },
                ...(claim.committee ? [{ key: 'committee', label: '集体研究', children: `${claim.committee.date} ${claim.committee.minutesRef}` }] : []),
                ...(claim.voucher
                  ? [{ key: 'voucher', label: '付款凭证', children: <Link to={`/u/${union.id}/vouchers/${claim.voucher.id}`}>{claim.voucher.number ?? '草稿（待记账）'}</Link> }]
                  : []),
                ...(claim.payment ? [{ key: 'paid', label: '支付', children: `${claim.payment.date}${claim.payment.bankReference ? ` 流水号 ${claim.payment.bankReference}` : ''}` }] : []),
              ]}
            />
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="lineNo"
              pagination={false}
              dataSource={claim.lines}
              columns={[
                { title: '品名/事项', dataIndex: 'description' },
                { title: '数量', dataIndex: 'quantity', align: 'right', width: 64 },
                ...(mobile ? [] : [{ title: '单价', dataIndex: 'unitPrice', align: 'right' as const, render: (v: string) => yuan(v) }]),
                { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => yuan(v) },
              ]}
            />
            {claim.beneficiaries.length > 0 && (
              <details style={{ marginTop: 12 }}>
                <summary>受益会员 {claim.beneficiaries.length} 人（每人 {yuan(claim.beneficiaries[0].share)} 起）</summary>
                <ul style={{ columns: mobile ? 2 : 4, paddingInlineStart: 20 }}>
                  {claim.beneficiaries.map((b) => (
                    <li key={b.member}>
                      {b.name}（{b.member}）{yuan(b.share)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </Card>
          <Card title={`单据（${claim.attachments.length}）`} style={{ marginTop: 16 }}>
            <ClaimDocuments claim={claim} editable={editable} onChange={reload} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {showFunds && <FundsCard claim={claim} />}
          {claim.compliance && (
            <Card title="审核规则" style={{ marginBottom: 16 }} extra={claim.compliance.passed ? <Tag color="success">全部通过</Tag> : <Tag color="error">未通过</Tag>}>
              <div style={{ color: 'rgba(0,0,0,.45)', marginBottom: 8 }}>适用规则：{claim.compliance.ruleSet.name}</div>
              <ul aria-label="审核规则结果" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {claim.compliance.results.map((r) => (
                  <li key={r.rule} style={{ display: 'flex', gap: 8, padding: '6px 0' }}>
                    {r.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="通过" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="未通过" />}
                    <span>
                      <strong>{r.title}</strong>：{r.message}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title="流程记录">
            <Timeline
              items={claim.history.map((h) => ({
                key: h.seq,
                color: ['reject', 'return', 'cancel'].includes(h.action) ? 'red' : 'blue',
                content: (
                  <>
                    <strong>{h.actionLabel}</strong> · {h.actor}
                    <div style={{ color: 'rgba(0,0,0,.45)' }}>{formatDateTime(h.at)}</div>
                    {h.comment && <div>意见：{h.comment}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {mobile && (
        <div
          role="toolbar"
          aria-label="操作"
          style={{ position: 'fixed', left: 0, right: 0, bottom: 0, padding: '8px 12px', background: '#fff', borderTop: '1px solid #f0f0f0', display: 'flex', gap: 8, flexWrap: 'wrap', justifyContent: 'flex-end', zIndex: 10 }}
        >
          {actions}
        </div>
      )}
    </div>
  );
}

function FundsCard({ claim }: { claim: Claim }) {
  const union = useUnion();
  const funds = useApi(() => call(api.GET('/api/unions/{unionId}/funds', { params: { path: { unionId: union.id } } })), [union.id, claim.version]);
  return (
    <Card title="工会可用资金" style={{ marginBottom: 16 }}>
      <PageState loaded={funds}>
        {(f) => (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'a', label: '可用资金', children: <strong>{yuan(f.available)}</strong> },
              { key: 'b', label: '账面余额', children: yuan(f.balance) },
              { key: 'r', label: '已批准未支付', children: yuan(f.reserved) },
            ]}
          />
        )}
      </PageState>
    </Card>
  );
}
