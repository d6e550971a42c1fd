import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { newIdempotencyKey } from '../../data/idempotency-key';
import { uploadFile } from '../../data/upload';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { parseAmountInput } from '../../money/amount-input';
import { todayInChina } from '../../ui/format';
import { showFieldErrors } from '../../ui/form-errors';
import { matchAccount, postingAccounts } from '../ledger/account-options';
import { FUND_TYPES, RECEIPT_KINDS, type ReceiptKind } from './receipt-labels';

type Receipt = Schemas['ReceiptResponse'];
const MAX_BYTES = 10 * 1024 * 1024;

interface Values {
  kind: ReceiptKind;
  amount: string;
  date: string;
  payer: string;
  bankReference?: string;
  fundType?: 'restricted' | 'unrestricted';
  project?: string;
  account?: string;
  memo?: string;
  duesPeriod?: string;
  duesMembers?: string;
}

/**
 * 登记收款 (the cashier): kind, amount, date, payer, the bank's reference (automatic matching pairs by it),
 * fund type and project, and the bank slip. One Idempotency-Key per opened form, so a double click or a retry
 * after a lost answer records the receipt once; the slip is uploaded after the receipt exists.
 */
export function ReceiptDialog({ onClose, onDone }: { onClose: () => void; onDone: (r: Receipt) => void }) {
  const union = useUnion();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const fundType = Form.useWatch('fundType', form);
  const key = useRef(newIdempotencyKey('receipt'));
  // a second click while the first is on its way does nothing (the key would make it harmless, but not its slip)
  const inFlight = useRef(false);
  const [slip, setSlip] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accounts = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const projects = useApi(() => call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })), [union.id]);
  const refundAccounts = useMemo(() => postingAccounts(accounts.data ?? []).filter((a) => /^(5|135|32101|32201)/.test(a.value)), [accounts.data]);

  const record = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await recordOnce();
    } finally {
      inFlight.current = false;
    }
  };
  const recordOnce = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (slip && slip.size > MAX_BYTES) return setError('银行回单不能超过 10 MB');
    setBusy(true);
    setError(null);
    try {
      const receipt = await call(
        api.POST('/api/unions/{unionId}/receipts', {
          params: { path: { unionId: union.id }, header: { 'Idempotency-Key': key.current } },
          body: {
            kind: v.kind,
            amount: parseAmountInput(v.amount)!,
            date: v.date,
            payer: v.payer.trim(),
            bankReference: v.bankReference?.trim() || undefined,
            fundType: v.kind === 'dues' ? undefined : v.fundType,
            project: v.fundType === 'restricted' ? v.project : undefined,
            account: v.account || undefined,
            memo: v.memo?.trim() || undefined,
            dues: v.kind === 'dues' ? { period: v.duesPeriod!, members: v.duesMembers ? Number.parseInt(v.duesMembers, 10) : undefined } : undefined,
          },
        }),
      );
      if (slip) {
        try {
          await uploadFile(`/api/unions/${union.id}/receipts/${receipt.id}/attachments`, slip);
        } catch (e) {
          // the receipt stands; the slip can be uploaded again on its page
          setError(`收款单已登记，但银行回单上传失败：${messageOf(e)}（可在收款单页面重新上传）`);
          setBusy(false);
          return onDone(receipt);
        }
      }
      onDone(receipt);
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="登记收款" okText="登记" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void record()} onCancel={onClose} width={560} destroyOnHidden>
      <Form form={form} name="receipt" layout="vertical" initialValues={{ kind: 'allocation', date: todayInChina(), fundType: 'unrestricted' }}>
        <Form.Item label="收款类型" name="kind" rules={[{ required: true, message: '请选择收款类型' }]}>
          <Select options={[...RECEIPT_KINDS]} />
        </Form.Item>
        <Form.Item
          label="金额（元）"
          name="amount"
          rules={[{ required: true, message: '请填写金额' }, { validator: (_, v: string) => (!v || (parseAmountInput(v) && parseAmountInput(v) !== '0.00') ? Promise.resolve() : Promise.reject(new Error('金额须为正数，最多两位小数'))) }]}
        >
          <Input inputMode="decimal" placeholder="如 12000.00" />
        </Form.Item>
        <Form.Item label="收款日期" name="date" rules={[{ required: true, message: '请选择收款日期' }]} extra="即收款凭证的日期">
          <Input type="date" />
        </Form.Item>
        <Form.Item label="付款方" name="payer" rules={[{ required: true, whitespace: true, message: '请填写付款单位或个人' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="银行流水号" name="bankReference" extra="银行回单上的交易流水号；自动对账首先按它勾对">
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'dues' && (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item label="会费所属月份" name="duesPeriod" rules={[{ required: true, message: '请填写会费所属月份' }]} style={{ flex: 1 }}>
              <Input type="month" />
            </Form.Item>
            <Form.Item label="缴费人数" name="duesMembers" rules={[{ pattern: /^\d{1,6}$/, message: '请填写人数' }]} style={{ flex: 1 }}>
              <Input inputMode="numeric" />
            </Form.Item>
          </div>
        )}
        {kind === 'refund' && (
          <Form.Item label="冲减科目" name="account" rules={[{ required: true, message: '退款须选择冲减的支出、其他应收款或年初余额调整科目' }]}>
            <Select showSearch={{ filterOption: (input, o) => matchAccount(input, o as never) }} options={refundAccounts} loading={accounts.loading} placeholder="科目编码或名称" />
          </Form.Item>
        )}
        {kind !== 'dues' && (
          <Form.Item label="资金性质" name="fundType">
            <Select options={FUND_TYPES} />
          </Form.Item>
        )}
        {kind !== 'dues' && fundType === 'restricted' && (
          <Form.Item label="专项项目" name="project" rules={[{ required: true, message: '专项资金须选择项目' }]}>
            <Select options={(projects.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))} placeholder="选择项目" notFoundContent="尚无专项项目，请会计在“会计科目”页新增" />
          </Form.Item>
        )}
        <Form.Item label="摘要补充" name="memo">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="银行回单" htmlFor="receipt-slip" extra="PDF、OFD、JPEG 或 PNG，不超过 10 MB；也可登记后在收款单页面上传">
          <input id="receipt-slip" type="file" accept="application/pdf,.ofd,image/jpeg,image/png" onChange={(e) => setSlip(e.target.files?.[0] ?? null)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
