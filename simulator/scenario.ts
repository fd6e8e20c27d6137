import * as z from 'zod';
import { ChannelSchema, type Channel } from '../shared/domain/experiment/channels';

/** Milliseconds per unit of a duration written as `90s`, `5m`, `2h` or `3d`. */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `5m`, `2h`, `1.5d` into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2]] ?? 0);
}

/** A duration field: `90s`, `5m`, `2h`, `3d` (simulated time), as milliseconds. */
const DurationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration: write a number and a unit, e.g. 90s, 5m, 2h, 3d` });
    return z.NEVER;
  }
  return ms;
});

/** A probability. */
const RateSchema = z.number().min(0, 'a rate is between 0 and 1').max(1, 'a rate is between 0 and 1');

/** One kind of simulated customer: how many, what the segment rules see, which channels reach them. */
export const CustomerKindSchema = z.strictObject({
  kind: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'kind is 1–40 letters, digits, _ or -'),
  share: z.number().positive('share must be > 0'),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Channels this kind consents to and has an address for. */
  reachable: z.array(ChannelSchema).min(1, 'a customer kind is reachable on at least one channel'),
  /** IANA time zone of these customers (quiet hours apply in it). */
  timezone: z.string().default('Europe/London'),
});
/** A customer kind. */
export type CustomerKind = z.output<typeof CustomerKindSchema>;

/** How long after receiving a message a customer responds: log-normal with this median and spread (σ of the log). */
export const DelaySchema = z.strictObject({ median: DurationSchema, spread: z.number().min(0).max(3).default(1) });
/** A response-delay model. */
export type DelayModel = z.output<typeof DelaySchema>;

/** One experiment the simulation drives, and the true behaviour of each customer kind on it. */
export const SimulatedExperimentSchema = z
  .strictObject({
    /** A YAML definition file (relative to the scenario), applied idempotently and started. */
    file: z.string().min(1).optional(),
    /** Or the id of an experiment that already exists (it is started if it is a draft). */
    id: z.string().min(1).optional(),
    /** Template values of each send. */
    variables: z.record(z.string(), z.string()).default({}),
    /** True goal rate per customer kind and channel (missing: 0). */
    rates: z.record(z.string(), z.partialRecord(ChannelSchema, RateSchema)),
    /** Goal rate of held-out customers (no message) per kind: the organic baseline (default 0). */
    baseline: z.record(z.string(), RateSchema).default({}),
  })
  .refine((experiment) => (experiment.file === undefined) !== (experiment.id === undefined), { message: 'name the experiment by file or by id (one of them)' });
/** A simulated experiment. */
export type SimulatedExperiment = z.output<typeof SimulatedExperimentSchema>;

/** A whole scenario file (`npm run cli -- simulate <scenario.yaml>`). */
export const ScenarioSchema = z
  .strictObject({
    /** Seed of every draw (customers, responses, delays): the same seed gives the same customers. */
    seed: z.number().int().default(1),
    /** Simulated time the run lasts. */
    duration: DurationSchema,
    /** Simulated seconds per real second; must be the platform's own pace (1 for a deployed platform). */
    speed: z.number().positive().default(1),
    /** Simulated time between two rounds of sends and responses. */
    tick: DurationSchema.default(60_000),
    /** New customers per simulated minute, per experiment. */
    arrivalsPerMinute: z.number().positive().max(10_000),
    customers: z.array(CustomerKindSchema).min(1),
    delays: z.partialRecord(ChannelSchema, DelaySchema),
    experiments: z.array(SimulatedExperimentSchema).min(1),
  })
  .superRefine((scenario, ctx) => {
    const kinds = new Set(scenario.customers.map((kind) => kind.kind));
    scenario.experiments.forEach((experiment, index) => {
      for (const kind of [...Object.keys(experiment.rates), ...Object.keys(experiment.baseline)]) {
        if (!kinds.has(kind)) ctx.addIssue({ code: 'custom', path: ['experiments', index, 'rates', kind], message: `no customer kind "${kind}" (kinds: ${[...kinds].join(', ')})` });
      }
    });
    const channels = new Set<Channel>(scenario.customers.flatMap((kind) => kind.reachable));
    for (const channel of channels) {
      if (scenario.delays[channel] === undefined) ctx.addIssue({ code: 'custom', path: ['delays', channel], message: `customers are reachable by ${channel}: give its response delay` });
    }
  });
/** A parsed scenario (durations in milliseconds). */
export type Scenario = z.output<typeof ScenarioSchema>;
