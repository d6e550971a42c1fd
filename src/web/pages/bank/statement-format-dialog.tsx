import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { showFieldErrors } from '../../ui/form-errors';

type Format = Schemas['StatementFormatResponse'];
type Columns = Schemas['StatementColumnsDto'];
interface Values extends Columns {
  bankName: string;
  name: string;
  amounts: 'split' | 'signed';
}

const OPTIONAL: [keyof Columns, string][] = [
  ['counterpartName', '对方户名列'],
  ['counterpartAccount', '对方账号列'],
  ['reference', '流水号列'],
  ['summary', '摘要列'],
];

/**
 * 对账单格式: how one bank's export names its columns (the header text of each), saved for the center and chosen
 * at import. Money in and out in two columns, or one signed amount column.
 */
export function StatementFormatDialog({ centerId, onClose, onDone }: { centerId: string; onClose: () => void; onDone: (f: Format) => void }) {
  const [form] = Form.useForm<Values>();
  const amounts = Form.useWatch('amounts', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const text = (s?: string) => s?.trim() || undefined;
    const columns: Columns = {
      date: v.date.trim(),
      balance: v.balance.trim(),
      ...(v.amounts === 'signed' ? { amount: text(v.amount) } : { amountIn: text(v.amountIn), amountOut: text(v.amountOut) }),
      ...Object.fromEntries(OPTIONAL.map(([k]) => [k, text(v[k])])),
    };
    setBusy(true);
    setError(null);
    try {
      onDone(await call(api.POST('/api/centers/{centerId}/statement-formats', { params: { path: { centerId } }, body: { bankName: v.bankName.trim(), name: v.name.trim(), columns } })));
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}在文件中的表头` }];
  return (
    <Modal open title="新建对账单格式" okText="保存" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void save()} onCancel={onClose} width={560} destroyOnHidden>
      <p>按该银行导出文件的表头填写每一列的名称（与文件中的文字一致）。</p>
      <Form form={form} name="statement-format" layout="vertical" initialValues={{ amounts: 'split', date: '交易日期', balance: '余额' }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item label="银行" name="bankName" rules={[{ required: true, whitespace: true, message: '请填写银行' }]} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="如 中国工商银行" />
          </Form.Item>
          <Form.Item label="格式名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写格式名称' }]} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="如 网银明细导出" />
          </Form.Item>
        </div>
        <Form.Item label="日期列" name="date" rules={required('日期列')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="金额" name="amounts">
          <Radio.Group options={[{ value: 'split', label: '收入、支出分两列' }, { value: 'signed', label: '一列带符号金额（负数为支出）' }]} />
        </Form.Item>
        {amounts === 'signed' ? (
          <Form.Item label="金额列" name="amount" rules={required('金额列')}>
            <Input maxLength={50} />
          </Form.Item>
        ) : (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item label="收入列" name="amountIn" rules={required('收入列')} style={{ flex: 1 }}>
              <Input maxLength={50} placeholder="如 贷方发生额" />
            </Form.Item>
            <Form.Item label="支出列" name="amountOut" rules={required('支出列')} style={{ flex: 1 }}>
              <Input maxLength={50} placeholder="如 借方发生额" />
            </Form.Item>
          </div>
        )}
        <Form.Item label="余额列" name="balance" rules={required('余额列')}>
          <Input maxLength={50} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 12 }}>
          {OPTIONAL.map(([k, label]) => (
            <Form.Item key={k} label={`${label}（可不填）`} name={k}>
              <Input maxLength={50} />
            </Form.Item>
          ))}
        </div>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
