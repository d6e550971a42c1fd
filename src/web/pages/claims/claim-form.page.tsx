import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CLAIM_EXPENSE_ROOTS } from '../../../claims/domain/claim.rules';
import { amountInWords } from '../../../common/money/amount-in-words';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { showFieldErrors } from '../../ui/form-errors';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { claimTotalOf, lineAmountOf, parseMembers, requestLines, type LineDraft } from './claim-entry';
import { kindOptions, occasionOptions, PER_PERSON_KINDS } from './claim-labels';

type Claim = Schemas['ClaimResponse'];
type Account = Schemas['AccountResponse'];

interface FormValues {
  kind: string;
  occasion?: string;
  purpose: string;
  eventDate: string;
  expenseAccount: string;
  fundType: 'unrestricted' | 'restricted';
  project?: string;
  payeeKind: 'bank' | 'cash';
  payeeName: string;
  payeeBank?: string;
  payeeAccount?: string;
  lines: LineDraft[];
  members?: string;
  committeeDate?: string;
  committeeRef?: string;
}

/** 新建 / 修改报销单: the clerk's form, on a phone or a PC. Saved as a draft; documents and submission follow. */
export function ClaimFormPage() {
  const union = useUnion();
  const { claimId } = useParams();
  const existing = useApi(
    () => (claimId ? call(api.GET('/api/unions/{unionId}/claims/{id}', { params: { path: { unionId: union.id, id: claimId } } })) : Promise.resolve(null)),
    [union.id, claimId],
  );
  const chart = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const projects = useApi(() => call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })), [union.id]);
  return (
    <PageState loaded={existing}>
      {(claim) => (
        <PageState loaded={chart}>
          {(accounts) => <ClaimForm claim={claim} accounts={accounts} projects={projects.data ?? []} />}
        </PageState>
      )}
    </PageState>
  );
}

function ClaimForm({ claim, accounts, projects }: { claim: Claim | null; accounts: Account[]; projects: Schemas['ProjectResponse'][] }) {
  const union = useUnion();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const fundType = Form.useWatch('fundType', form);
  const payeeKind = Form.useWatch('payeeKind', form);
  const lines = Form.useWatch('lines', form) ?? [];
  const membersText = Form.useWatch('members', form) ?? '';
  const perPerson = PER_PERSON_KINDS.includes(kind as never);
  const members = useMemo(() => parseMembers(membersText), [membersText]);
  const total = claimTotalOf(lines.filter(Boolean));

  const expenseOptions = useMemo(
    () =>
      accounts
        .filter((a) => a.leaf && a.active && CLAIM_EXPENSE_ROOTS.some((r) => a.code.startsWith(r)))
        .map((a) => ({ value: a.code, label: `${a.code} ${a.path}` })),
    [accounts],
  );

  useEffect(() => {
    form.setFieldsValue(claim ? fromClaim(claim) : { fundType: 'unrestricted', payeeKind: 'bank', eventDate: todayInChina(), lines: [{ description: '', quantity: '1', unitPrice: '' }] });
  }, [claim, form]);

  const save = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    const body = {
      kind: v.kind,
      occasion: v.kind === 'holiday_gift' ? v.occasion : undefined,
      purpose: v.purpose.trim(),
      eventDate: v.eventDate,
      expenseAccount: v.expenseAccount,
      fundType: v.fundType,
      project: v.fundType === 'restricted' ? v.project : undefined,
      payee: { kind: v.payeeKind, name: v.payeeName.trim(), bank: v.payeeKind === 'bank' ? v.payeeBank?.trim() || undefined : undefined, account: v.payeeKind === 'bank' ? v.payeeAccount?.trim() || undefined : undefined },
      lines: requestLines(v.lines),
      beneficiaries: PER_PERSON_KINDS.includes(v.kind as never) ? parseMembers(v.members ?? '').members : [],
      committee: v.committeeDate && v.committeeRef ? { date: v.committeeDate, minutesRef: v.committeeRef.trim() } : undefined,
    } as Schemas['CreateClaimDto'];
    try {
      const saved = claim
        ? await call(api.PATCH('/api/unions/{unionId}/claims/{id}', { params: { path: { unionId: union.id, id: claim.id } }, body }))
        : await call(api.POST('/api/unions/{unionId}/claims', { params: { path: { unionId: union.id } }, body }));
      navigate(`/u/${union.id}/claims/${saved.id}`, { replace: !!claim });
    } catch (e) {
      showFieldErrors(form, e);
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={claim ? `修改报销单 ${claim.number}` : '新建报销单'} sub={union.name} />
      <Form form={form} layout="vertical" onFinish={save} scrollToFirstError>
        <Card title="事由" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="支出类别" name="kind" rules={[{ required: true, message: '请选择支出类别' }]}>
                <Select options={kindOptions} placeholder="选择类别" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            {kind === 'holiday_gift' && (
              <Col xs={24} md={12}>
                <Form.Item label="节日" name="occasion" rules={[{ required: true, message: '请选择节日' }]}>
                  <Select options={occasionOptions} placeholder="选择节日" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item label="事由" name="purpose" rules={[{ required: true, whitespace: true, message: '请填写事由' }, { max: 200, message: '最长 200 字' }]}>
                <Input placeholder="如：2026年中秋节会员慰问品" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="发生日期" name="eventDate" rules={[{ required: true, message: '请选择日期' }]}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="列支科目" name="expenseAccount" rules={[{ required: true, message: '请选择列支科目' }]} extra="可输入科目名称或编码查找">
                <Select options={expenseOptions} placeholder="如：职工活动支出" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="资金性质" name="fundType">
                <Radio.Group
                  options={[
                    { value: 'unrestricted', label: '非专项' },
                    { value: 'restricted', label: '专项' },
                  ]}
                />
              </Form.Item>
            </Col>
            {fundType === 'restricted' && (
              <Col xs={24} md={12}>
                <Form.Item label="项目" name="project" rules={[{ required: true, message: '专项资金须选择项目' }]}>
                  <Select options={projects.filter((p) => p.active).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))} placeholder="选择项目" />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>

        <Card title="明细" style={{ marginBottom: 16 }}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={8} align="top" style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}>
                    <Col xs={{ span: 20, order: 1 }} md={{ span: 9, order: 1 }}>
                      <Form.Item label={`第 ${i + 1} 行 品名/事项`} name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: '请填写品名或事项' }]}>
                        <Input placeholder="如：月饼礼盒" />
                      </Form.Item>
                    </Col>
                    <Col xs={{ span: 4, order: 2 }} md={{ span: 1, order: 5 }}>
                      <Form.Item label=" " colon={false}>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 行`} disabled={fields.length === 1} onClick={() => remove(field.name)} />
                      </Form.Item>
                    </Col>
                    <Col xs={{ span: 7, order: 3 }} md={{ span: 4, order: 2 }}>
                      <Form.Item label="数量" name={[field.name, 'quantity']} rules={[{ required: true, message: '请填数量' }]}>
                        <Input inputMode="decimal" aria-label={`第 ${i + 1} 行数量`} />
                      </Form.Item>
                    </Col>
                    <Col xs={{ span: 9, order: 4 }} md={{ span: 5, order: 3 }}>
                      <Form.Item label="单价（元）" name={[field.name, 'unitPrice']} rules={[{ required: true, message: '请填单价' }]}>
                        <Input inputMode="decimal" aria-label={`第 ${i + 1} 行单价`} />
                      </Form.Item>
                    </Col>
                    <Col xs={{ span: 8, order: 5 }} md={{ span: 5, order: 4 }}>
                      <Form.Item label="金额">
                        <output aria-label={`第 ${i + 1} 行金额`} style={{ display: 'block', lineHeight: '32px', textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          {lines[i] ? formatMoney(lineAmountOf(lines[i])) || '—' : '—'}
                        </output>
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ description: '', quantity: '1', unitPrice: '' })}>
                  添加一行
                </Button>
              </>
            )}
          </Form.List>
          <div style={{ marginTop: 16, textAlign: 'right' }} aria-live="polite">
            合计：<strong style={{ fontSize: 18 }}>{total ? `¥${formatMoney(total)}` : '—'}</strong>
            {total && <div style={{ color: 'rgba(0,0,0,.45)' }}>大写：{amountInWords(total)}</div>}
          </div>
        </Card>

        {perPerson && (
          <Card title="受益会员（实名）" style={{ marginBottom: 16 }}>
            <Form.Item
              name="members"
              label="每行一人：工号 姓名（可从 Excel 复制两列粘贴）"
              rules={[{ required: true, message: '按人发放的类别须列出受益会员' }]}
              extra={`已识别 ${members.members.length} 人${members.bad.length ? `；第 ${members.bad.join('、')} 行无法识别（应为“工号 姓名”）` : ''}。每人平均分摊，规则按人累计限额。`}
              validateStatus={members.bad.length ? 'error' : undefined}
            >
              <Input.TextArea rows={5} placeholder={'M001 张三\nM002 李四'} />
            </Form.Item>
          </Card>
        )}

        <Card title="收款人" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="支付方式" name="payeeKind">
                <Radio.Group
                  options={[
                    { value: 'bank', label: '转账' },
                    { value: 'cash', label: '现金' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label="收款人" name="payeeName" rules={[{ required: true, whitespace: true, message: '请填写收款人' }]}>
                <Input placeholder="单位或个人名称" />
              </Form.Item>
            </Col>
            {payeeKind === 'bank' && (
              <>
                <Col xs={24} md={12}>
                  <Form.Item label="开户行" name="payeeBank" rules={[{ required: true, whitespace: true, message: '请填写开户行' }]}>
                    <Input placeholder="如：中国工商银行某某支行" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="收款账号" name="payeeAccount" rules={[{ required: true, whitespace: true, message: '请填写收款账号' }]}>
                    <Input inputMode="numeric" />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </Card>

        <Collapse
          style={{ marginBottom: 16, background: '#fff' }}
          defaultActiveKey={claim?.committee ? ['committee'] : []}
          items={[
            {
              key: 'committee',
              label: '集体研究记录（金额超过中心规定标准时必填）',
              children: (
                <Row gutter={16}>
                  <Col xs={24} md={8}>
                    <Form.Item label="研究日期" name="committeeDate">
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item label="会议纪要编号" name="committeeRef">
                      <Input placeholder="如：工会委员会会议纪要〔2026〕5号" />
                    </Form.Item>
                  </Col>
                </Row>
              ),
            },
          ]}
        />

        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存草稿
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
        <p style={{ color: 'rgba(0,0,0,.45)', marginTop: 8 }}>保存后上传发票等单据，查看审核规则结果，再提交主席审批。</p>
      </Form>
    </>
  );
}

function fromClaim(c: Claim): Partial<FormValues> {
  return {
    kind: c.kind,
    occasion: c.occasion ?? undefined,
    purpose: c.purpose,
    eventDate: c.eventDate,
    expenseAccount: c.expenseAccount,
    fundType: c.fundType as FormValues['fundType'],
    project: c.project ?? undefined,
    payeeKind: c.payeeDetails.kind as FormValues['payeeKind'],
    payeeName: c.payeeDetails.name,
    payeeBank: c.payeeDetails.bank ?? undefined,
    payeeAccount: c.payeeDetails.account ?? undefined,
    lines: c.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice })),
    members: c.beneficiaries.map((b) => `${b.member} ${b.name}`).join('\n'),
    committeeDate: c.committee?.date,
    committeeRef: c.committee?.minutesRef,
  };
}
