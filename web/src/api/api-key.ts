/**
 * The API key of this browser tab: typed once, kept in `sessionStorage` (this tab only, gone when
 * it closes), sent as `x-api-key`.
 */

/** sessionStorage key under which the tab keeps its API key. */
export const API_KEY_STORAGE_KEY = 'channel-lab.api-key';

/** The tab's API key, if one was typed. */
export function readApiKey(): string | undefined {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, with an empty value, forgets) the tab's API key. */
export function storeApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed === '') sessionStorage.removeItem(API_KEY_STORAGE_KEY);
  else sessionStorage.setItem(API_KEY_STORAGE_KEY, trimmed);
}
