import { Alert, Table } from 'antd';
import { ApiError, messageOf } from '../../data/api-error';

export interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

/** A refused file (a statement, an allocation): the server's message, and its problems row by row. */
export function refusal(e: unknown): { message: string; rows: RowProblem[] } {
  const rows = e instanceof ApiError && Array.isArray(e.details?.rows) ? (e.details.rows as RowProblem[]) : [];
  return { message: messageOf(e), rows };
}

export function RowProblems({ refused }: { refused: { message: string; rows: RowProblem[] } }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={refused.message}
      description={
        refused.rows.length > 0 && (
          <Table<RowProblem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.message}`}
            pagination={false}
            dataSource={refused.rows}
            columns={[
              { title: '行', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'column', width: 120 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        )
      }
    />
  );
}
