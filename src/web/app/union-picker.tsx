import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, call } from '../data/client';
import type { Union } from './union-context';

/** Same page in another union: /u/A/claims/123 → /u/B/claims (an id of A means nothing in B). */
export function pathInUnion(pathname: string, unionId: string): string {
  const section = /^\/u\/[^/]+\/([^/]+)/.exec(pathname)?.[1];
  return section ? `/u/${unionId}/${section}` : `/u/${unionId}`;
}

/**
 * 切换工会: a user whose grants cover several unions (a center's staff cover hundreds) picks one by name or
 * code, searched on the server. (A user of a single union sees its name instead: see the shell.)
 */
export function UnionPicker({ current }: { current: Union | null }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      call(api.GET('/api/unions', { params: { query: { q: q || undefined, pageSize: 20 } } }))
        .then((page) => live && setOptions(page.items.map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const value = current ? { value: current.id, label: `${current.name}（${current.code}）` } : undefined;
  return (
    <Select
      aria-label="切换工会"
      showSearch={{ filterOption: false, onSearch: setQ }}
      labelInValue
      value={value}
      placeholder="选择工会"
      loading={loading}
      options={current && !options.some((o) => o.value === current.id) ? [value!, ...options] : options}
      notFoundContent={loading ? '查找中…' : '没有匹配的工会'}
      onChange={(v: { value: string }) => navigate(pathInUnion(pathname, v.value))}
      style={{ width: '100%', maxWidth: 360 }}
    />
  );
}
