import { Alert, Button, Collapse, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { CLAIM_KIND_LABEL, DOCUMENT_KIND_LABEL, OCCASION_LABEL, type ClaimKind, type DocumentKind, type Occasion } from '../../../claims/domain/claim-kinds';
import { useAction } from '../../data/use-action';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { formatDateTime, todayInChina } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';

type RuleSet = Schemas['RuleSetResponse'];
type Body = Schemas['RuleSetBody'];
const kind = (k: string) => CLAIM_KIND_LABEL[k as ClaimKind] ?? k;

/**
 * 审核规则集: the center's rule sets by effective date (a claim is checked by the one in force on its event
 * date), each one's prohibited kinds, per-person caps and required documents; a new one from a provincial
 * preset. Saved sets never change: a change of rules is a new set with a later date.
 */
export function RuleSetsView({ centerId, canChange }: { centerId: string; canChange: boolean }) {
  const sets = useApi(() => call(api.GET('/api/centers/{centerId}/claim-rules', { params: { path: { centerId } } })), [centerId]);
  const presets = useApi(() => call(api.GET('/api/claim-rule-presets')), []);
  const [adding, setAdding] = useState(false);
  return (
    <>
      {canChange && (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>
          新建规则集
        </Button>
      )}
      {(sets.error || presets.error) && <ErrorAlert error={(sets.error ?? presets.error)!} onRetry={sets.reload} />}
      {sets.data?.length === 0 && presets.data && <Alert type="info" showIcon title={`本中心尚未设置规则集，适用系统默认规则“${presets.data.default.name}”。`} style={{ marginBottom: 16 }} />}
      <Collapse
        items={(sets.data ?? []).map((s: RuleSet) => ({
          key: s.id,
          label: (
            <>
              <strong>{s.name}</strong> 自 {s.effectiveFrom} 起生效 {s.preset && <Tag>{presets.data?.presets.find((p) => p.id === s.preset)?.name ?? s.preset}</Tag>}
            </>
          ),
          extra: <span style={{ color: 'rgba(0,0,0,.45)' }}>{`${s.createdBy ?? ''} ${formatDateTime(s.createdAt)}`}</span>,
          children: <RuleBody body={s.body} />,
        }))}
      />
      {adding && presets.data && <NewRuleSetDialog centerId={centerId} presets={presets.data.presets} onClose={() => setAdding(false)} onDone={() => (setAdding(false), sets.reload())} />}
    </>
  );
}

function RuleBody({ body }: { body: Body }) {
  return (
    <>
      <p>
        不予报销：{body.prohibitedKinds.length ? body.prohibitedKinds.map((k) => <Tag key={k}>{kind(k)}</Tag>) : '无'}
      </p>
      <Table
        size="small"
        rowKey={(c) => `${c.kind}-${c.occasion ?? ''}-${c.basis}`}
        pagination={false}
        dataSource={body.caps}
        locale={{ emptyText: '无每人限额' }}
        columns={[
          { title: '类别', dataIndex: 'kind', render: kind },
          { title: '节日/场合', dataIndex: 'occasion', render: (o?: string) => (o ? (OCCASION_LABEL[o as Occasion] ?? o) : '') },
          { title: '口径', dataIndex: 'basis', render: (b: string) => (b === 'member-year' ? '每人每年累计' : '每人每次') },
          { title: '限额', dataIndex: 'amount', align: 'right', render: (a: string) => yuan(a) },
        ]}
      />
      <p style={{ marginTop: 12 }}>必备单据：</p>
      <ul>
        {body.requiredDocuments.map((d) => (
          <li key={d.kind}>
            {kind(d.kind)}：{d.documents.map((x) => DOCUMENT_KIND_LABEL[x as DocumentKind] ?? x).join('、')}
          </li>
        ))}
      </ul>
    </>
  );
}

function NewRuleSetDialog({ centerId, presets, onClose, onDone }: { centerId: string; presets: Schemas['RulePresetResponse'][]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ name: string; effectiveFrom: string; preset: string }>();
  const preset = Form.useWatch('preset', form);
  const { busy, error, run } = useAction();
  const create = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = { name: v.name.trim(), effectiveFrom: v.effectiveFrom, preset: v.preset as never };
    if (await run(() => call(api.POST('/api/centers/{centerId}/claim-rules', { params: { path: { centerId } }, body })))) onDone();
  };
  const chosen = presets.find((p) => p.id === preset);
  return (
    <Modal open title="新建规则集" okText="保存" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void create()} onCancel={onClose} width={640} destroyOnHidden>
      <p>保存后不能修改；规则变化时以新的生效日期另建。</p>
      <Form form={form} name="rule-set" layout="vertical" initialValues={{ effectiveFrom: todayInChina() }}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="生效日期" name="effectiveFrom" rules={[{ required: true, message: '请选择生效日期' }]} extra="业务发生日期在此之后（含）的报销适用">
          <Input type="date" />
        </Form.Item>
        <Form.Item label="依据的预置规则" name="preset" rules={[{ required: true, message: '请选择预置规则' }]}>
          <Select options={presets.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
      </Form>
      {chosen && (
        <>
          <p style={{ color: 'rgba(0,0,0,.45)' }}>
            依据：{chosen.source}
            {chosen.note ? `；${chosen.note}` : ''}
          </p>
          <RuleBody body={chosen.body} />
        </>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
