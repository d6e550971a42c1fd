import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-error';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** loads again (after an action changed what was shown) */
  reload: () => void;
}

/**
 * Loads what a page shows, again whenever `deps` change; an answer that arrives after a newer request started
 * is dropped, so a fast switch of union or page never shows the older one.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === latest.current && setState({ data, loading: false }),
      (e: unknown) =>
        mine === latest.current &&
        setState({ loading: false, error: e instanceof ApiError ? e : new ApiError(0, 'CLIENT', e instanceof Error ? e.message : String(e)) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload } as Loaded<T>;
}
