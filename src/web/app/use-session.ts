import { useSyncExternalStore } from 'react';
import { session, type Me, type SessionState } from '../data/session';

export function useSessionState(): SessionState {
  return useSyncExternalStore(session.subscribe, session.snapshot);
}

/** The logged-in user; only inside the signed-in part of the app. */
export function useMe(): Me {
  const s = useSessionState();
  if (s.status !== 'signed-in' && s.status !== 'expired') throw new Error('useMe outside the signed-in app');
  return s.user;
}
