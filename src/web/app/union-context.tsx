import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Outlet, useMatch } from 'react-router';
import { api, call, type Schemas } from '../data/client';
import { useApi, type Loaded } from '../data/use-api';
import { PageState } from '../ui/page-state';

export type Union = Schemas['UnionResponse'];

interface UnionState {
  /** the union of the URL, or (outside /u/…) the one the user worked in last */
  unionId: string;
  fromUrl: boolean;
  loaded: Loaded<Union>;
}

const UnionContext = createContext<UnionState | null>(null);
const LAST_UNION = 'union-ledger.union';

export function lastUnionId(): string | null {
  return localStorage.getItem(LAST_UNION);
}

export function forgetLastUnion(): void {
  localStorage.removeItem(LAST_UNION);
}

/**
 * Loads the union named in the URL (/u/:unionId/…) once for the shell (menu, switcher) and the pages below.
 * Another union's id answers 404 from the API, exactly like an id that does not exist.
 */
export function UnionProvider({ fallback, children }: { fallback: string | null; children: ReactNode }) {
  const fromUrl = useMatch('/u/:unionId/*')?.params.unionId ?? null;
  const unionId = fromUrl ?? fallback;
  const loaded = useApi(
    () => (unionId ? call(api.GET('/api/unions/{unionId}', { params: { path: { unionId } } })) : Promise.resolve(undefined as unknown as Union)),
    [unionId],
  );
  useEffect(() => {
    if (fromUrl && loaded.data?.id === fromUrl) localStorage.setItem(LAST_UNION, fromUrl);
  }, [fromUrl, loaded.data]);
  const current = loaded.data && loaded.data.id !== unionId ? { ...loaded, data: undefined } : loaded;
  const value = unionId ? { unionId, fromUrl: fromUrl !== null, loaded: current } : null;
  return <UnionContext.Provider value={value}>{children}</UnionContext.Provider>;
}

/** The pages under /u/:unionId: shown once the union has loaded, or the reason it did not. */
export function UnionLayout() {
  const state = useContext(UnionContext);
  if (!state?.fromUrl) return null;
  return <PageState loaded={state.loaded}>{() => <Outlet />}</PageState>;
}

export function useUnion(): Union {
  const state = useContext(UnionContext);
  const union = state?.fromUrl ? state.loaded.data : undefined;
  if (!union) throw new Error('useUnion outside /u/:unionId');
  return union;
}

/** The union the shell works with: the URL's, else the last one (menu and switcher); null when none. */
export function useCurrentUnion(): Union | null {
  return useContext(UnionContext)?.loaded.data ?? null;
}
