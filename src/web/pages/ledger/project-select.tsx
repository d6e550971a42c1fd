import { Select } from 'antd';
import type { Schemas } from '../../data/client';

/** A row's 专项 project (or none), chosen from the union's projects. */
export function ProjectSelect({ label, value, projects, onChange }: { label: string; value: string; projects: Schemas['ProjectResponse'][] | undefined; onChange: (code: string) => void }) {
  return (
    <Select
      aria-label={label}
      allowClear
      value={value || undefined}
      options={(projects ?? []).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))}
      onChange={(code?: string) => onChange(code ?? '')}
      style={{ width: 170 }}
    />
  );
}
