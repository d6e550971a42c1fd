import { Alert, Table } from 'antd';
import { useState, type RefObject } from 'react';
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

/**
 * Sends a chosen file (a statement, a dues roll): busy while it goes, then the answer or the refusal row by row;
 * the file input is cleared after, so the same file, corrected, can be chosen again.
 */
export function useFileImport<T>(input: RefObject<HTMLInputElement | null>) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [refused, setRefused] = useState<{ message: string; rows: RowProblem[] } | null>(null);
  const send = async (upload: () => Promise<T>, onDone?: (answer: T) => void) => {
    setBusy(true);
    setResult(null);
    setRefused(null);
    try {
      const answer = await upload();
      setResult(answer);
      onDone?.(answer);
    } catch (e) {
      setRefused(refusal(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return { busy, result, refused, send };
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
