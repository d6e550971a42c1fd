import { Form, Input, Select } from 'antd';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { parseAmountInput } from '../../money/amount-input';
import { PageState } from '../../ui/page-state';
import { SaveRow, useSave } from './settings-forms';

type Bank = Schemas['BankSettingsDto'];
type Values = Omit<Bank, 'matchWindowDays'> & { matchWindowDays: string };

/**
 * 银行与收款设置: how dues are computed from a roll (ratio, the base unit below which nothing counts, rounding),
 * which income account allocations credit, and how many days apart automatic matching may pair an amount.
 */
export function BankSettingsForm({ centerId, canChange }: { centerId: string; canChange: boolean }) {
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/bank-settings', { params: { path: { centerId } } })), [centerId]);
  return <PageState loaded={loaded}>{(s) => <BankForm centerId={centerId} canChange={canChange} settings={s} />}</PageState>;
}

function BankForm({ centerId, canChange, settings }: { centerId: string; canChange: boolean; settings: Bank }) {
  const [form] = Form.useForm<Values>();
  const { busy, error, saved, save } = useSave(form);
  const submit = (v: Values) =>
    save(() =>
      call(
        api.PUT('/api/centers/{centerId}/bank-settings', {
          params: { path: { centerId } },
          body: { ...v, duesRatio: v.duesRatio.trim(), duesBaseUnit: parseAmountInput(v.duesBaseUnit)!, matchWindowDays: Number.parseInt(v.matchWindowDays, 10) },
        }),
      ),
    );
  return (
    <Form
      form={form}
      name="bank-settings"
      layout="vertical"
      initialValues={{ ...settings, matchWindowDays: String(settings.matchWindowDays) }}
      disabled={!canChange}
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 520 }}
    >
      <Form.Item label="会费比例" name="duesRatio" rules={[{ required: true, pattern: /^0(\.\d{1,6})?$/, message: '请填写小数，如 0.005 表示 0.5%' }]} extra="0.005 = 0.5%，按中心所在地规定">
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label="计算基数的尾数（元）" name="duesBaseUnit" rules={[{ required: true, message: '请填写金额' }, { validator: (_, v: string) => (!v || parseAmountInput(v) ? Promise.resolve() : Promise.reject(new Error('金额最多两位小数'))) }]} extra="不足此数的尾数不计，如“10 元以下不计”">
        <Input inputMode="decimal" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item label="会费取整到" name="duesRoundTo" style={{ flex: 1 }}>
          <Select options={[{ value: 'fen', label: '分' }, { value: 'jiao', label: '角' }, { value: 'yuan', label: '元' }]} />
        </Form.Item>
        <Form.Item label="取整方式" name="duesRounding" style={{ flex: 1 }}>
          <Select options={[{ value: 'half_up', label: '四舍五入' }, { value: 'down', label: '舍去' }]} />
        </Form.Item>
      </div>
      <Form.Item label="经费返还记入" name="allocationAccount">
        <Select options={[{ value: '402', label: '402 拨缴经费收入' }, { value: '40301', label: '40301 上级补助收入—一般性转移支付补助' }]} />
      </Form.Item>
      <Form.Item label="自动对账日期容差（天）" name="matchWindowDays" rules={[{ required: true, pattern: /^\d{1,2}$/, message: '请填写 0–99 的天数' }]} extra="金额相同的银行流水与账面记录日期相差不超过几天时提出勾对（待确认）">
        <Input inputMode="numeric" />
      </Form.Item>
      <SaveRow canChange={canChange} busy={busy} who="管理统一账户" error={error} saved={saved} />
    </Form>
  );
}
