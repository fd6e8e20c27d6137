/**
 * Polls one API resource with `If-None-Match`, every `max-age` of its answer (or `?poll=<seconds>`
 * in the page URL): a 304 keeps what is shown. Says when it last checked and when the data last
 * changed; pauses while the tab is hidden and checks at once when it comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Conditional } from '../../api/client';
import { pollSeconds } from './polling';

/** A conditional GET, as the API client makes it. */
export type ConditionalFetch<T> = (etag: string | undefined, signal: AbortSignal) => Promise<Conditional<T>>;

/** What a view gets from {@link usePolled}. */
export interface Polled<T> {
  /** The last body received (kept across 304s and errors). */
  readonly data: T | undefined;
  /** The last poll's failure, cleared by the next success. */
  readonly error: Error | undefined;
  /** When (this browser's clock, ms) the last poll answered. */
  readonly checkedAt: number | undefined;
  /** When (this browser's clock, ms) a poll last brought different data. */
  readonly changedAt: number | undefined;
  /** Seconds between polls now. */
  readonly everySeconds: number;
  /** Polls now. */
  readonly refresh: () => void;
}

interface PollState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly checkedAt: number | undefined;
  readonly changedAt: number | undefined;
  readonly everySeconds: number;
}

function override(): string | null {
  try {
    return new URLSearchParams(window.location.search).get('poll');
  } catch {
    return null;
  }
}

/** Polls `fetcher` while the component is mounted; `key` names the resource (a new key starts afresh). */
export function usePolled<T>(key: string, fetcher: ConditionalFetch<T>): Polled<T> {
  const [state, setState] = useState<PollState<T>>({ data: undefined, error: undefined, checkedAt: undefined, changedAt: undefined, everySeconds: pollSeconds(override(), undefined) });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const pollNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    let etag: string | undefined;
    let bodyText: string | undefined; // compared when the resource carries no ETag
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let stopped = false;
    let waitingForVisible = false;
    setState({ data: undefined, error: undefined, checkedAt: undefined, changedAt: undefined, everySeconds: pollSeconds(override(), undefined) });

    const schedule = (seconds: number) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        if (document.hidden) waitingForVisible = true;
        else void poll();
      }, seconds * 1000);
    };
    const poll = async () => {
      if (stopped) return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      let every = pollSeconds(override(), undefined);
      try {
        const answer = await fetcherRef.current(etag, current.signal);
        if (stopped || current.signal.aborted) return;
        every = pollSeconds(override(), answer.maxAgeSeconds);
        const now = Date.now();
        const text = answer.modified && answer.etag === undefined ? JSON.stringify(answer.body) : undefined;
        const changed = answer.modified && (answer.etag === undefined ? text !== bodyText : answer.etag !== etag);
        if (answer.modified) {
          etag = answer.etag;
          bodyText = text;
        }
        if (changed && answer.modified) {
          const body = answer.body;
          setState({ data: body, error: undefined, checkedAt: now, changedAt: now, everySeconds: every });
        } else {
          setState((previous) => ({ ...previous, error: undefined, checkedAt: now, everySeconds: every }));
        }
      } catch (error) {
        if (stopped || current.signal.aborted) return;
        setState((previous) => ({ ...previous, error: error instanceof Error ? error : new Error(String(error)), checkedAt: Date.now(), everySeconds: every }));
      }
      schedule(every);
    };
    const onVisible = () => {
      if (!document.hidden && waitingForVisible) {
        waitingForVisible = false;
        void poll();
      }
    };
    pollNow.current = () => void poll();
    document.addEventListener('visibilitychange', onVisible);
    void poll();
    return () => {
      stopped = true;
      controller?.abort();
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key]);

  const refresh = useCallback(() => pollNow.current(), []);
  return { ...state, refresh };
}
