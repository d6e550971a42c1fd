import { Alert, Button, Card, Checkbox, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { parseAmountInput } from '../../money/amount-input';
import { yuan } from '../../money/money';
import { showFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { PagedList } from '../../ui/paged-list';

type BankAccount = Schemas['BankAccountResponse'];

/**
 * 统一账户: the center's pooled bank accounts (every center has a default one, unregistered until the director
 * enters its bank details), with each account's book balance = Σ the unions' shares. The director registers
 * an account or another bank's; a row leads to the account's position and its reconciliation.
 */
export function BankAccountsPage() {
  const { centerId = '' } = useParams();
  const me = useMe();
  const manage = canOnCenter(me, centerId, 'bank:manage');
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts', { params: { path: { centerId } } })), [centerId]);
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);
  const link = (a: BankAccount) => `/c/${centerId}/bank/${a.id}`;

  return (
    <>
      <PageHeader
        title="统一账户"
        sub="集中管理、统一开户、分户核算：账面余额 = 各工会份额之和"
        extra={
          manage && (
            <Button type="primary" onClick={() => setEditing('new')}>
              登记统一账户
            </Button>
          )
        }
      />
      <Card>
        <PagedList<BankAccount>
          label="统一账户"
          rowKey={(a) => a.id}
          loaded={loaded}
          scrollX={900}
          href={link}
          unit="个"
          empty="尚无统一账户"
          columns={[
            {
              title: '开户行',
              render: (_, a) => (
                <Link to={link(a)}>
                  {a.bankName || '（未登记）'} {a.branch}
                </Link>
              ),
            },
            { title: '账号', dataIndex: 'accountNo', width: 200 },
            { title: '户名', dataIndex: 'accountName', ellipsis: true },
            { title: '工会份额', dataIndex: 'shares', width: 90, align: 'right' },
            { title: '账面余额', dataIndex: 'bookBalance', width: 150, align: 'right', render: (b: string) => yuan(b) },
            {
              title: '状态',
              width: 170,
              render: (_, a) => (
                <>
                  {a.isDefault && <Tag color="blue">默认</Tag>}
                  {a.status === 'closed' ? <Tag>已销户</Tag> : a.registered ? <Tag color="success">已登记</Tag> : <Tag color="warning">待登记</Tag>}
                </>
              ),
            },
            ...(manage
              ? [
                  {
                    title: '操作',
                    width: 90,
                    render: (_: unknown, a: BankAccount) =>
                      a.status === 'active' && (
                        <Button
                          size="small"
                          onClick={(e) => {
                            e.stopPropagation();
                            e.preventDefault();
                            setEditing(a);
                          }}
                        >
                          {a.registered ? '修改' : '登记'}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <BankAccountDialog centerId={centerId} account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), loaded.reload())} />}
    </>
  );
}

interface Values {
  bankName: string;
  branch?: string;
  accountNo: string;
  accountName: string;
  openedOn: string;
  openingBalance: string;
  isDefault?: boolean;
}

/** Registers a new pooled account, or enters/changes the bank details of one (number, date, balance only before statements). */
function BankAccountDialog({ centerId, account, onClose, onDone }: { centerId: string; account: BankAccount | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body = { ...v, branch: v.branch?.trim() || undefined, openingBalance: parseAmountInput(v.openingBalance, { allowNegative: true })!, isDefault: v.isDefault || undefined };
    try {
      if (account) await call(api.PATCH('/api/centers/{centerId}/bank-accounts/{id}', { params: { path: { centerId, id: account.id } }, body }));
      else await call(api.POST('/api/centers/{centerId}/bank-accounts', { params: { path: { centerId } }, body }));
      onDone();
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const initial = account
    ? { bankName: account.bankName, branch: account.branch, accountNo: account.accountNo, accountName: account.accountName, openedOn: account.openedOn, openingBalance: account.openingBalance, isDefault: account.isDefault }
    : { openingBalance: '0.00' };
  return (
    <Modal open title={account ? '登记或修改统一账户' : '登记统一账户'} okText="保存" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="bank-account" layout="vertical" initialValues={initial}>
        <Form.Item label="开户银行" name="bankName" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }]}>
          <Input maxLength={100} placeholder="如 中国工商银行" />
        </Form.Item>
        <Form.Item label="开户网点" name="branch">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="账号" name="accountNo" rules={[{ required: true, whitespace: true, message: '请填写银行账号' }]} extra="导入对账单后不能再改">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="户名" name="accountName" rules={[{ required: true, whitespace: true, message: '请填写户名' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="启用对账日期" name="openedOn" rules={[{ required: true, message: '请选择日期' }]} extra="银行对账单自此日起导入">
          <Input type="date" />
        </Form.Item>
        <Form.Item
          label="期初银行余额（元）"
          name="openingBalance"
          rules={[{ required: true, message: '请填写期初余额' }, { validator: (_, v: string) => (!v || parseAmountInput(v, { allowNegative: true }) ? Promise.resolve() : Promise.reject(new Error('金额最多两位小数'))) }]}
          extra="该日第一笔流水之前的银行余额"
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox>设为本中心的默认统一账户（新建工会的资金存放于此）</Checkbox>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
