import { Alert, Col, Row, Space, Table, Tag } from 'antd';
import type { Schemas } from '../../data/client';
import { formatMoney } from '../../money/money';
import { formatDateTime, periodLabel } from '../../ui/format';

type Statement = Schemas['StatementResponse'] | Schemas['ConsolidatedStatementResponse'];
type Line = Schemas['StatementLineResponse'];

/**
 * 工会01表 / 02表 laid out like the official form: the header (表号, 编制单位, 期间, 单位：元), 行次 and both columns
 * as the server computed them (no arithmetic here), the 01表 two-sided (资产 left, 负债和净资产 right; one
 * under the other on a phone), and the signature row.
 */
export function StatementView({ statement: s }: { statement: Statement }) {
  const twoSided = s.lines.some((l) => l.side === 'assets');
  const balanced = s.balanced;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <div style={{ textAlign: 'center' }}>
        <h2 style={{ margin: 0, fontSize: 20 }}>{s.title}</h2>
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, color: 'rgba(0,0,0,.65)', marginTop: 8 }}>
          <span>编制单位：{s.entity}</span>
          <span>{s.annual ? `${s.year}年度` : periodLabel(s.period ?? '')}</span>
          <span>
            {s.code} · 单位：{s.unit}
          </span>
        </div>
      </div>
      <Space wrap>
        {statementState(s).map((t) => (
          <Tag key={t.label} color={t.color}>
            {t.label}
          </Tag>
        ))}
        {balanced === true && <Tag color="success">资产总计 = 负债和净资产总计</Tag>}
      </Space>
      {balanced === false && <Alert type="error" showIcon role="alert" title="资产负债表不平衡：资产总计不等于负债和净资产总计，请检查账簿或联系系统管理员。" />}
      {twoSided ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={12}>
            <LinesTable title="资产" columns={s.columns} lines={s.lines.filter((l) => l.side === 'assets')} />
          </Col>
          <Col xs={24} xxl={12}>
            <LinesTable title="负债和净资产" columns={s.columns} lines={s.lines.filter((l) => l.side !== 'assets')} />
          </Col>
        </Row>
      ) : (
        <LinesTable title="项目" columns={s.columns} lines={s.lines} />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }} aria-label="签章">
        <span>单位负责人：{s.signatures.legalRepresentative ?? ''}</span>
        <span>主管会计工作负责人：{s.signatures.accountingHead ?? ''}</span>
        <span>会计机构负责人：{s.signatures.accountingBodyHead ?? ''}</span>
      </div>
    </Space>
  );
}

function statementState(s: Statement): { label: string; color: string }[] {
  const out = [];
  if (s.frozen) out.push({ label: `已冻结${s.frozenAt ? ` ${formatDateTime(s.frozenAt)}` : ''}`, color: 'default' });
  out.push(s.closed ? { label: s.annual ? '12 月已结账' : '本月已结账', color: 'success' } : { label: '未结账（按当前账簿计算）', color: 'warning' });
  return out;
}

function LinesTable({ title, columns, lines }: { title: string; columns: string[]; lines: Line[] }) {
  return (
    <Table<Line>
      rowKey={(l) => `${l.side}-${l.key}`}
      size="small"
      bordered
      pagination={false}
      dataSource={lines}
      scroll={{ x: 520 }}
      rowClassName={(l) => (l.total ? 'statement-total' : '')}
      columns={[
        {
          title,
          dataIndex: 'label',
          render: (label: string, l) => <span style={{ paddingLeft: l.indent * 16, fontWeight: l.total ? 600 : undefined }}>{label}</span>,
        },
        { title: '行次', dataIndex: 'no', width: 56, align: 'center' },
        ...columns.map((c, i) => ({
          title: c,
          key: c,
          width: 150,
          align: 'right' as const,
          render: (_: unknown, l: Line) => <span style={{ fontWeight: l.total ? 600 : undefined, fontVariantNumeric: 'tabular-nums' }}>{formatMoney(l.values[i]) || '—'}</span>,
        })),
      ]}
    />
  );
}
