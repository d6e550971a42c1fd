import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { parseAmountInput } from '../../money/amount-input';
import { formatDateTime } from '../../ui/format';
import { showFieldErrors } from '../../ui/form-errors';
import { PageState } from '../../ui/page-state';

const amountRule = { validator: (_: unknown, v: string) => (!v || parseAmountInput(v) ? Promise.resolve() : Promise.reject(new Error('请填写金额，最多两位小数'))) };

/** The form's save row: the button for who may change, else why the form is read-only. */
export function SaveRow({ canChange, busy, who, error, saved }: { canChange: boolean; busy: boolean; who: string; error: string | null; saved: string | null }) {
  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {saved && <Alert type="success" showIcon role="status" title={saved} style={{ marginBottom: 12 }} />}
      {canChange ? (
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      ) : (
        <Alert type="info" showIcon title={`只读：修改须有“${who}”的权限（中心主任）。`} />
      )}
    </>
  );
}

/** Runs a save, putting the server's per-field messages under their fields and anything else above the button. */
export function useSave<T>(form: ReturnType<typeof Form.useForm<T>>[0]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      // settings that keep a time of change answer it; the others are just saved
      const r = (await run()) as { updatedAt?: string | null };
      setSaved(r.updatedAt ? `已保存 ${formatDateTime(r.updatedAt)}` : '已保存');
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, save };
}

type Ledger = Schemas['LedgerSettingsResponse'];

/** 核算设置: one-person reversal, the fixed-asset capitalisation thresholds, the chief accountant printed on vouchers. */
export function LedgerSettingsForm({ centerId, canChange }: { centerId: string; canChange: boolean }) {
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/ledger-settings', { params: { path: { centerId } } })), [centerId]);
  return <PageState loaded={loaded}>{(s) => <LedgerForm centerId={centerId} canChange={canChange} settings={s} />}</PageState>;
}

function LedgerForm({ centerId, canChange, settings }: { centerId: string; canChange: boolean; settings: Ledger }) {
  const [form] = Form.useForm<Ledger>();
  const { busy, error, saved, save } = useSave(form);
  const submit = (v: Ledger) =>
    save(() =>
      call(
        api.PUT('/api/centers/{centerId}/ledger-settings', {
          params: { path: { centerId } },
          body: {
            onePersonReversal: !!v.onePersonReversal,
            generalEquipmentThreshold: parseAmountInput(v.generalEquipmentThreshold)!,
            specialEquipmentThreshold: parseAmountInput(v.specialEquipmentThreshold)!,
            chiefAccountant: v.chiefAccountant?.trim() || undefined,
          },
        }),
      ),
    );
  return (
    <Form form={form} name="ledger-settings" layout="vertical" initialValues={settings} disabled={!canChange} onFinish={(v) => void submit(v)} style={{ maxWidth: 520 }}>
      <Form.Item name="onePersonReversal" valuePropName="checked" extra="允许同一人生成并过账红字冲销凭证（凭证上注明“一人冲销”）；默认不允许，须另一人审核。">
        <Checkbox>允许一人冲销</Checkbox>
      </Form.Item>
      <Form.Item label="一般设备入账起点（元）" name="generalEquipmentThreshold" rules={[{ required: true, message: '请填写金额' }, amountRule]} extra="单位价值达到此金额（含）的一般设备作为固定资产入账；工会会计制度第三十二条为 1,000 元">
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label="专用设备入账起点（元）" name="specialEquipmentThreshold" rules={[{ required: true, message: '请填写金额' }, amountRule]} extra="第三十二条为 1,500 元">
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label="会计主管" name="chiefAccountant" extra="打印在记账凭证上；不填则留空">
        <Input maxLength={50} />
      </Form.Item>
      <SaveRow canChange={canChange} busy={busy} who="设置中心核算规则" error={error} saved={saved} />
    </Form>
  );
}

type Claim = Schemas['ClaimSettingsResponse'];

/** 报销设置: the committee threshold, the cash limit and whether cash above it is allowed. */
export function ClaimSettingsForm({ centerId, canChange }: { centerId: string; canChange: boolean }) {
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/claim-settings', { params: { path: { centerId } } })), [centerId]);
  return <PageState loaded={loaded}>{(s) => <ClaimForm centerId={centerId} canChange={canChange} settings={s} />}</PageState>;
}

function ClaimForm({ centerId, canChange, settings }: { centerId: string; canChange: boolean; settings: Claim }) {
  const [form] = Form.useForm<Claim>();
  const { busy, error, saved, save } = useSave(form);
  const submit = (v: Claim) =>
    save(() =>
      call(
        api.PUT('/api/centers/{centerId}/claim-settings', {
          params: { path: { centerId } },
          body: { committeeThreshold: parseAmountInput(v.committeeThreshold)!, cashLimit: parseAmountInput(v.cashLimit)!, allowCashAboveLimit: !!v.allowCashAboveLimit },
        }),
      ),
    );
  return (
    <Form form={form} name="claim-settings" layout="vertical" initialValues={settings} disabled={!canChange} onFinish={(v) => void submit(v)} style={{ maxWidth: 520 }}>
      <Form.Item label="集体研究起点（元）" name="committeeThreshold" rules={[{ required: true, message: '请填写金额' }, amountRule]} extra="超过此金额的报销，主席审批时须填写集体研究（会议）记录">
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label="现金支付限额（元）" name="cashLimit" rules={[{ required: true, message: '请填写金额' }, amountRule]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="allowCashAboveLimit" valuePropName="checked">
        <Checkbox>允许超过限额的现金支付</Checkbox>
      </Form.Item>
      <SaveRow canChange={canChange} busy={busy} who="设置报销规则" error={error} saved={saved} />
    </Form>
  );
}
