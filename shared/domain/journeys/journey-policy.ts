import { JOURNEY_STAGES, type JourneyStage } from '../experiment/journey';
import { type JourneyCap, stageRank } from './journey-definition';

/** Milliseconds in a day. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long an admitted send holds its place under the cap without being confirmed `sent`: the
 * engine confirms right after the send path decided; a send that never is (holdout, no eligible
 * channel, a crash) frees its place after this.
 */
export const RESERVATION_LEASE_MS = 60 * 60 * 1000;

/** Why the gate refuses a due send (the engine exits it with this reason). */
export type JourneyRefusal = 'journey_cap' | 'later_stage';

/** One message of a journey to a customer, as the gate counts it. */
export interface SendSlot {
  /** What identifies the send (a retried admit with the same key is the same send). */
  readonly key: string;
  /** The experiment whose send it is. */
  readonly experimentId: string;
  /** ISO instant it was admitted. */
  readonly admittedAt: string;
  /** ISO instant it was confirmed sent, once it was. */
  readonly sentAt?: string;
}

/** A customer's place in one journey: the stages entered and the recent sends the cap counts. */
export interface JourneyCustomerState {
  /** Each stage the customer entered, with the ISO instant of the first entry. */
  readonly entered: Readonly<Partial<Record<JourneyStage, string>>>;
  /** Sends admitted within the cap's window (oldest first). */
  readonly slots: readonly SendSlot[];
}

/** A customer who never entered the journey. */
export const EMPTY_JOURNEY_STATE: JourneyCustomerState = { entered: {}, slots: [] };

const ms = (iso: string) => Date.parse(iso);

/** Whether a slot counts as a message at `atMs`: confirmed sent, or admitted and still within its lease. */
export function slotCounts(slot: SendSlot, atMs: number): boolean {
  return slot.sentAt !== undefined || atMs - ms(slot.admittedAt) < RESERVATION_LEASE_MS;
}

/** When a slot's message went (or, unconfirmed, was admitted). */
function slotTime(slot: SendSlot): number {
  return ms(slot.sentAt ?? slot.admittedAt);
}

/**
 * Does the cap admit one more message at `atMs`, given the instants (ms) of the messages already
 * counted? At most `cap.messages` in any window of `cap.perDays` days: the window ending at `atMs`
 * (`(atMs − perDays, atMs]`) must hold fewer than `cap.messages`. A message dated after `atMs` (a
 * confirmation that raced ahead of this question) counts too. No cap admits everything.
 */
export function capAdmits(cap: JourneyCap | undefined, sentTimesMs: readonly number[], atMs: number): boolean {
  if (cap === undefined) return true;
  const windowStart = atMs - cap.perDays * DAY_MS;
  return sentTimesMs.filter((time) => time > windowStart).length < cap.messages;
}

/**
 * Is a send of `stage` superseded at `atMs`: has the customer entered a later stage of the journey
 * (at or before `atMs`)? A customer in the purchase stage leaves the awareness stage's pending sends.
 */
export function isSuperseded(stage: JourneyStage, entered: JourneyCustomerState['entered'], atMs: number): boolean {
  return JOURNEY_STAGES.some((other) => {
    const at = entered[other];
    return stageRank(other) > stageRank(stage) && at !== undefined && ms(at) <= atMs;
  });
}

/** The customer's furthest stage entered, if any. */
export function currentStage(entered: JourneyCustomerState['entered']): JourneyStage | undefined {
  return [...JOURNEY_STAGES].reverse().find((stage) => entered[stage] !== undefined);
}

/** The slots still worth keeping at `atMs`: counted ones inside the cap's window (bounded by the cap). */
export function pruneSlots(slots: readonly SendSlot[], cap: JourneyCap | undefined, atMs: number): SendSlot[] {
  if (cap === undefined) return [];
  const windowStart = atMs - cap.perDays * DAY_MS;
  return slots.filter((slot) => slotCounts(slot, atMs) && slotTime(slot) > windowStart);
}

/** A due send the gate is asked about. */
export interface AdmitRequest {
  /** Identifies the send (a retry carries the same key). */
  readonly key: string;
  readonly experimentId: string;
  /** The experiment's stage in the journey. */
  readonly stage: JourneyStage;
  /** ISO instant of the question. */
  readonly at: string;
}

/** What the gate answers, and the state to store when it admitted. */
export type AdmitOutcome =
  | { readonly admitted: true; readonly state: JourneyCustomerState; readonly changed: boolean }
  | { readonly admitted: false; readonly reason: JourneyRefusal };

/**
 * Decides a due send of a journey for one customer: refused when a later stage was entered
 * (`later_stage`, checked first: such a send is moot whatever the cap), refused when the cap is
 * full (`journey_cap`), otherwise admitted with a slot reserved. A retry of an admitted send (same
 * key, slot still held) is admitted again without a second slot.
 */
export function admitSend(state: JourneyCustomerState, request: AdmitRequest, cap: JourneyCap | undefined): AdmitOutcome {
  const atMs = ms(request.at);
  if (isSuperseded(request.stage, state.entered, atMs)) return { admitted: false, reason: 'later_stage' };
  const slots = pruneSlots(state.slots, cap, atMs);
  if (slots.some((slot) => slot.key === request.key)) return { admitted: true, state: { ...state, slots }, changed: false };
  if (!capAdmits(cap, slots.map(slotTime), atMs)) return { admitted: false, reason: 'journey_cap' };
  const next = cap === undefined ? slots : [...slots, { key: request.key, experimentId: request.experimentId, admittedAt: request.at }];
  return { admitted: true, state: { ...state, slots: next }, changed: cap !== undefined };
}

/**
 * The state once a send was confirmed: its place (by key; a key with no place falls back to the
 * oldest unconfirmed place of the experiment) is marked sent. A repeated confirmation finds its
 * place already confirmed and changes nothing, so a retried `sent` never counts twice;
 * `undefined` when nothing changed.
 */
export function confirmSent(state: JourneyCustomerState, sent: { readonly key?: string; readonly experimentId: string; readonly at: string }): JourneyCustomerState | undefined {
  const byKey = sent.key === undefined ? -1 : state.slots.findIndex((slot) => slot.key === sent.key);
  if (byKey >= 0 && state.slots[byKey]?.sentAt !== undefined) return undefined;
  const index = byKey >= 0 ? byKey : state.slots.findIndex((slot) => slot.experimentId === sent.experimentId && slot.sentAt === undefined);
  if (index < 0) return undefined;
  const slots = state.slots.map((slot, position) => (position === index ? { ...slot, sentAt: sent.at } : slot));
  return { ...state, slots };
}

/** The state once the customer entered `stage` at `at` (the first entry is kept; a repeat changes nothing). */
export function enterStage(state: JourneyCustomerState, stage: JourneyStage, at: string): JourneyCustomerState {
  if (state.entered[stage] !== undefined) return state;
  return { ...state, entered: { ...state.entered, [stage]: at } };
}
