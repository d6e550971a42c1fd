import { Alert, Button, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Permission } from '../../../auth/permissions';
import { actionAllowed, type ClaimAction, type ClaimStatus } from '../../../claims/domain/claim.rules';
import { ApiError, messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { forgetPaymentKey, paymentKey } from './idempotency-key';

type Claim = Schemas['ClaimResponse'];

interface ActionSpec {
  action: Exclude<ClaimAction, 'edit'>;
  label: string;
  permission: Permission;
  primary?: boolean;
  danger?: boolean;
  /** a reason is required (refusals), or a comment may be given */
  reason?: 'required' | 'optional';
  confirm: string;
}

/** Each step of the workflow as a button, in the order a person would look for it. */
const ACTIONS: ActionSpec[] = [
  { action: 'submit', label: '提交审批', permission: 'claims:submit', primary: true, reason: 'optional', confirm: '提交后由工会主席审批。' },
  { action: 'approve', label: '同意', permission: 'claims:approve', primary: true, reason: 'optional', confirm: '同意后将预留相应的可用资金。' },
  { action: 'reject', label: '驳回', permission: 'claims:approve', danger: true, reason: 'required', confirm: '驳回后报销单即终止，单据可另行报销。' },
  {
    action: 'review',
    label: '审核通过',
    permission: 'claims:review',
    primary: true,
    reason: 'optional',
    confirm: '审核时将按全部在途报销单重新核对审核规则；通过即由您编制付款凭证（草稿），交另一人复核。',
  },
  { action: 'check', label: '复核凭证', permission: 'vouchers:post', primary: true, reason: 'optional', confirm: '复核付款凭证（审核）：复核人不能是制单人、经办人或审批人；复核后出纳方可付款。' },
  { action: 'return', label: '退回修改', permission: 'claims:review', danger: true, reason: 'required', confirm: '退回后释放预留资金，报账员修改后须重新审批。' },
  { action: 'pay', label: '付款', permission: 'claims:pay', primary: true, reason: 'optional', confirm: '付款后在付款凭证上签章（出纳），凭证日期为付款日期，待记账。' },
  { action: 'post', label: '记账', permission: 'vouchers:post', primary: true, reason: 'optional', confirm: '过账付款凭证并核销预留资金；付款的出纳不能记账。' },
  { action: 'withdraw', label: '撤回', permission: 'claims:submit', reason: 'optional', confirm: '撤回为草稿，可修改后重新提交。' },
  { action: 'cancel', label: '作废', permission: 'claims:submit', danger: true, reason: 'required', confirm: '作废后不能恢复；已预留的资金将释放。' },
];

/** The buttons the user's role may press on this claim in its present state (the server decides again). */
export function availableActions(me: ReturnType<typeof useMe>, union: { id: string; centerId: string }, claim: Claim): ActionSpec[] {
  return ACTIONS.filter((a) => actionAllowed(claim.status as ClaimStatus, a.action) && canOnUnion(me, union, a.permission));
}

export function ClaimActions({ claim, onDone }: { claim: Claim; onDone: (c: Claim) => void }) {
  const me = useMe();
  const union = useUnion();
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const actions = availableActions(me, union, claim);
  if (actions.length === 0) return null;
  return (
    <>
      {actions.map((a) => (
        <Button key={a.action} type={a.primary ? 'primary' : 'default'} danger={a.danger} onClick={() => setOpen(a)}>
          {a.label}
        </Button>
      ))}
      {open && <ActionDialog spec={open} claim={claim} onClose={() => setOpen(null)} onDone={(c) => (setOpen(null), onDone(c))} />}
    </>
  );
}

interface DialogValues {
  comment?: string;
  committeeDate?: string;
  committeeRef?: string;
  date?: string;
  bankReference?: string;
  bulkFixedAssets?: boolean;
}

function ActionDialog({ spec, claim, onClose, onDone }: { spec: ActionSpec; claim: Claim; onClose: () => void; onDone: (c: Claim) => void }) {
  const union = useUnion();
  const [form] = Form.useForm<DialogValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [needsCommittee, setNeedsCommittee] = useState(false);
  const bank = claim.payeeDetails.kind === 'bank';

  const run = async (v: DialogValues) => {
    setBusy(true);
    setError(null);
    const path = { unionId: union.id, id: claim.id };
    const comment = v.comment?.trim() || undefined;
    try {
      let result: Claim;
      switch (spec.action) {
        case 'approve': {
          const committee = v.committeeDate && v.committeeRef ? { date: v.committeeDate, minutesRef: v.committeeRef.trim() } : undefined;
          result = await call(api.POST('/api/unions/{unionId}/claims/{id}/approve', { params: { path }, body: { comment, committee } }));
          break;
        }
        case 'review':
          result = await call(api.POST('/api/unions/{unionId}/claims/{id}/review', { params: { path }, body: { comment, bulkFixedAssets: v.bulkFixedAssets || undefined } }));
          break;
        case 'pay': {
          const key = paymentKey(claim.id);
          result = await call(
            api.POST('/api/unions/{unionId}/claims/{id}/pay', {
              params: { path, header: { 'Idempotency-Key': key } },
              body: { comment, date: v.date, bankReference: bank ? v.bankReference?.trim() : undefined },
            }),
          );
          forgetPaymentKey(claim.id);
          break;
        }
        case 'reject':
        case 'return':
        case 'cancel':
          result = await call(api.POST(`/api/unions/{unionId}/claims/{id}/${spec.action}`, { params: { path }, body: { comment: comment ?? '' } }));
          break;
        default:
          result = await call(api.POST(`/api/unions/{unionId}/claims/{id}/${spec.action}`, { params: { path }, body: { comment } }));
      }
      onDone(result);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'COMMITTEE_DECISION_REQUIRED') setNeedsCommittee(true);
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', messageOf(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${spec.label}：${claim.number}`}
      onCancel={onClose}
      okText={spec.label}
      okButtonProps={{ danger: spec.danger, loading: busy, htmlType: 'submit', form: 'claim-action' }}
      onOk={undefined}
      cancelText="取消"
      destroyOnHidden
    >
      <p>
        {claim.purpose}，金额 <strong>{yuan(claim.amount)}</strong>。{spec.confirm}
      </p>
      <Form id="claim-action" form={form} layout="vertical" onFinish={run} initialValues={{ date: todayInChina() }}>
        {spec.action === 'pay' && (
          <>
            <Form.Item label="付款日期（凭证日期）" name="date" rules={[{ required: true, message: '请选择付款日期' }]}>
              <Input type="date" />
            </Form.Item>
            {bank && (
              <Form.Item label="银行流水号" name="bankReference" rules={[{ required: true, whitespace: true, message: '转账须填写银行流水号' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            )}
          </>
        )}
        {spec.action === 'review' && (
          <Form.Item name="bulkFixedAssets" valuePropName="checked" extra="单价未达固定资产起点的大批同类物资（如图书、家具），按工会会计制度第三十二条全部作为固定资产入账。">
            <Checkbox>大批同类物资，全部作为固定资产入账</Checkbox>
          </Form.Item>
        )}
        {spec.action === 'approve' && (needsCommittee || claim.committee) && (
          <>
            <Form.Item label="集体研究日期" name="committeeDate" initialValue={claim.committee?.date} rules={[{ required: needsCommittee, message: '请填写集体研究日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item label="会议纪要编号" name="committeeRef" initialValue={claim.committee?.minutesRef} rules={[{ required: needsCommittee, message: '请填写会议纪要编号' }]}>
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item
          label={spec.reason === 'required' ? '理由' : '意见（可不填）'}
          name="comment"
          rules={spec.reason === 'required' ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error.message} />}
    </Modal>
  );
}
