import { useCallback, useRef, useState } from 'react';
import { messageOf } from './api-error';

export interface Action {
  /** the request is under way (the dialog's OK button shows it) */
  busy: boolean;
  /** the server's (or the check's) Chinese message of the last attempt, null once it went through */
  error: string | null;
  /** shows a message without sending anything (a check made before the request) */
  refuse: (message: string | null) => void;
  /**
   * Runs `work` one at a time: clears the last error, marks busy, and on failure keeps the server's message
   * instead of throwing. Resolves true when `work` went through, false when it failed or one was under way
   * (what to do with the answer belongs inside `work`).
   */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * The busy / error / submit state of a dialog or an action button: one request at a time (a double click
 * sends one), the message shown where the user looks, nothing thrown into React.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, refuse: setError, run };
}
