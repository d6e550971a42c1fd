import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's filters and page number live in the URL (as Fava keeps the period there): a link or a reload shows
 * the same list, and the back button undoes a filter.
 */
export function useQueryState<K extends string>(defaults: Record<K, string>): [Record<K, string>, (changes: Partial<Record<K, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, params.get(k) ?? d])) as Record<K, string>;
  const update = useCallback(
    (changes: Partial<Record<K, string | undefined>>) => {
      setParams(
        () => {
          // from the address bar itself: two quick changes must not start from the same stale params
          const next = new URLSearchParams(window.location.search);
          for (const [k, v] of Object.entries(changes) as [string, string | undefined][]) {
            if (v === undefined || v === '' || v === defaults[k as K]) next.delete(k);
            else next.set(k, v);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    // defaults are literals of the caller
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams],
  );
  return [values, update];
}
