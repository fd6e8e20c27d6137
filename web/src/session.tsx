/**
 * What the tab's API key may do, for every view: `canEdit` (admin scope) decides whether edit and
 * lifecycle controls exist at all; a read-only key never sees them.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { ApiScope } from '../../shared/domain/auth/api-key';
import { ApiError } from './api/api-error';
import { readApiKey, storeApiKey } from './api/api-key';
import { api, type SessionInfo } from './api/client';

/** The session as views see it. */
export interface Session {
  /** `loading` until the API answered; `ok` with scopes; `needs_key` when a key is required and missing or refused. */
  readonly state: 'loading' | 'ok' | 'needs_key' | 'error';
  /** Scopes of the tab's key (all, when the platform requires no key). */
  readonly scopes: readonly ApiScope[];
  /** Whether keys are required by this platform. */
  readonly authRequired: boolean;
  /** Name of the key, when keys are required. */
  readonly keyName?: string;
  /** Whether the key may define and run experiments (admin). */
  readonly canEdit: boolean;
  /** Whether the key may send and record events (send or admin). */
  readonly canSend: boolean;
  /** Why the session could not be read. */
  readonly problem?: string;
  /** Whether the tab has a key. */
  readonly hasKey: boolean;
  /** Keeps a new key for this tab and reloads the session. */
  setKey(key: string): void;
}

const INITIAL: Session = { state: 'loading', scopes: [], authRequired: false, canEdit: false, canSend: false, hasKey: false, setKey: () => undefined };

const SessionContext = createContext<Session>(INITIAL);

function fromInfo(info: SessionInfo): Pick<Session, 'scopes' | 'authRequired' | 'keyName' | 'canEdit' | 'canSend'> {
  return {
    scopes: info.scopes,
    authRequired: info.authRequired,
    ...(info.keyName ? { keyName: info.keyName } : {}),
    canEdit: info.scopes.includes('admin'),
    canSend: info.scopes.includes('admin') || info.scopes.includes('send'),
  };
}

/** Provides the session to the app; reloads it when the key changes. */
export function SessionProvider({ children }: { readonly children: ComponentChildren }) {
  const [generation, setGeneration] = useState(0);
  const setKey = useCallback((key: string) => {
    storeApiKey(key);
    setGeneration((value) => value + 1);
  }, []);
  const [session, setSession] = useState<Session>({ ...INITIAL, setKey });
  useEffect(() => {
    let live = true;
    const hasKey = readApiKey() !== undefined;
    setSession({ ...INITIAL, hasKey, setKey });
    api.session().then(
      (info) => live && setSession({ state: 'ok', ...fromInfo(info), hasKey, setKey }),
      (error: unknown) => {
        if (!live) return;
        const unauthorized = error instanceof ApiError && (error.status === 401 || error.status === 403);
        const problem = error instanceof Error ? error.message : String(error);
        setSession({ ...INITIAL, state: unauthorized ? 'needs_key' : 'error', authRequired: unauthorized, problem, hasKey, setKey });
      },
    );
    return () => {
      live = false;
    };
  }, [generation, setKey]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session of the tab. */
export function useSession(): Session {
  return useContext(SessionContext);
}
