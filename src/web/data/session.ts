import { ApiError, networkError, toApiError } from './api-error';
import type { components } from './openapi';

export type Me = components['schemas']['MeResponse'];
type TokenResponse = components['schemas']['TokenResponse'];

interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** epoch ms when the access token stops working */
  expiresAt: number;
}

export type SessionState =
  | { status: 'starting' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: Me }
  /** the refresh token was refused: the user logs in again in place, and waiting requests then go on */
  | { status: 'expired'; user: Me };

const STORAGE_KEY = 'union-ledger.session';
const LOCK = 'union-ledger.refresh';
/** renew this long before the access token's end, so a request never leaves with a token about to lapse */
const MARGIN_MS = 30_000;

/**
 * The login session of this browser: tokens in localStorage (shared by the user's tabs), the user in memory.
 * Refresh tokens rotate on every use and a reused one revokes the whole login, so a refresh is single-flight
 * in this tab and, where the browser has Web Locks, across tabs: a tab that finds the stored token already
 * rotated by another takes the new pair instead of presenting the old one.
 */
export class Session {
  private tokens: Tokens | null = readTokens();
  private state: SessionState = { status: 'starting' };
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<void> | null = null;
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (e) => {
        if (e.key !== STORAGE_KEY) return;
        this.tokens = readTokens();
        if (!this.tokens && this.state.status !== 'anonymous') this.set({ status: 'anonymous' });
      });
    }
  }

  get current(): SessionState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SessionState => this.state;

  /** At page load: a stored login is renewed (which also says who we are); otherwise we are anonymous. */
  async start(): Promise<void> {
    if (!this.tokens) return this.set({ status: 'anonymous' });
    try {
      await this.refresh(true);
    } catch {
      this.clear();
    }
  }

  async login(username: string, password: string): Promise<Me> {
    const body = await post('/api/auth/login', { username, password });
    return this.accept(body);
  }

  /** The user's own password; the server ends their other logins and answers a new pair. */
  async changePassword(currentPassword: string, newPassword: string): Promise<Me> {
    const res = await this.fetch(jsonRequest('/api/auth/password', { currentPassword, newPassword }));
    const body = await res.json().catch(() => null);
    if (!res.ok) throw toApiError(res.status, body);
    return this.accept(body as TokenResponse);
  }

  async logout(): Promise<void> {
    const tokens = this.tokens;
    this.clear();
    if (tokens) {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      }).catch(() => undefined);
    }
  }

  /** Re-login while expired: must be the same user, so the page's work (and the waiting requests) carry on. */
  async resume(password: string): Promise<void> {
    if (this.state.status !== 'expired') return;
    const username = this.state.user.username;
    await this.login(username, password);
    const waiting = this.waiting.splice(0);
    waiting.forEach((w) => w.resolve());
  }

  /** Gives up on an expired session: waiting requests fail and the app goes to the login page. */
  abandon(): void {
    const waiting = this.waiting.splice(0);
    this.clear();
    waiting.forEach((w) => w.reject(new ApiError(401, 'TOKEN_INVALID', '登录已失效，请重新登录')));
  }

  /** The authenticated fetch the API client uses: a fresh token on the way out, one renewal on a 401. */
  fetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const res = await send(request, await this.accessToken());
    if (res.status !== 401) return res;
    await this.renew();
    return send(retry, this.tokens?.accessToken);
  };

  private async accessToken(): Promise<string | undefined> {
    if (this.state.status === 'expired') await this.waitForLogin();
    if (this.tokens && this.tokens.expiresAt - Date.now() < MARGIN_MS) await this.renew();
    return this.tokens?.accessToken;
  }

  private async renew(): Promise<void> {
    try {
      await this.refresh(false);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || this.state.status === 'anonymous' || this.state.status === 'starting') throw e;
      this.set({ status: 'expired', user: this.state.user });
      await this.waitForLogin();
    }
  }

  private waitForLogin(): Promise<void> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private refresh(starting: boolean): Promise<void> {
    this.refreshing ??= this.refreshOnce(starting).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refreshOnce(starting: boolean): Promise<void> {
    const used = this.tokens?.refreshToken;
    if (!used) throw new ApiError(401, 'TOKEN_INVALID', '登录已失效，请重新登录');
    const run = async () => {
      const stored = readTokens();
      if (stored && stored.refreshToken !== used && !starting) {
        this.tokens = stored; // another tab renewed meanwhile: its pair is ours too
        return;
      }
      this.accept(await post('/api/auth/refresh', { refreshToken: used }));
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) await locks.request(LOCK, run);
    else await run();
  }

  private accept(body: TokenResponse): Me {
    this.tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken, expiresAt: Date.now() + body.expiresIn * 1000 };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.tokens));
    this.set({ status: 'signed-in', user: body.user });
    return body.user;
  }

  private clear(): void {
    this.tokens = null;
    localStorage.removeItem(STORAGE_KEY);
    this.set({ status: 'anonymous' });
  }

  private set(state: SessionState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
}

function readTokens(): Tokens | null {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    const t = raw ? (JSON.parse(raw) as Tokens) : null;
    return t && typeof t.refreshToken === 'string' && typeof t.accessToken === 'string' ? t : null;
  } catch {
    return null;
  }
}

function jsonRequest(url: string, body: unknown): Request {
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function send(request: Request, token: string | undefined): Promise<Response> {
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetch(request);
  } catch {
    throw networkError();
  }
}

async function post(url: string, body: unknown): Promise<TokenResponse> {
  let res: Response;
  try {
    res = await fetch(jsonRequest(url, body));
  } catch {
    throw networkError();
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, json);
  return json as TokenResponse;
}

export const session = new Session();
