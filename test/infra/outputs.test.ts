/**
 * The outputs of a Channel Lab: on `ChannelLabStack` under their own names, and under the
 * construct when it is embedded in another stack (unless turned off).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ChannelLab, type ChannelLabProps } from '../../infra/channel-lab';
import { FIXTURE_ENTRIES, FIXTURE_WEB_APP, synthesizeLab } from './support';

/** Every output of the platform, by name. */
const OUTPUT_NAMES = [
  'WebAppUrl',
  'ApiUrl',
  'TableName',
  'DispatchQueueUrl',
  'SesConfigurationSet',
  'AlarmTopicArn',
  'SigningSecretArn',
  'WebhookSigningSecretArn',
] as const;

/** App context that skips asset bundling (what `cdk ls` does): the outputs do not depend on the functions' code. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** The output ids of a plain stack holding one embedded Channel Lab with `props`. */
function embeddedOutputIds(props: Partial<ChannelLabProps> = {}): string[] {
  const stack = new Stack(new App({ context: NO_BUNDLING }), 'Embedding');
  new ChannelLab(stack, 'Lab', { sesFromAddress: 'lab@example.com', entries: FIXTURE_ENTRIES, webApp: FIXTURE_WEB_APP, ...props });
  return Object.keys(Template.fromStack(stack).findOutputs('*')).sort();
}

describe('Channel Lab outputs', () => {
  it('are on ChannelLabStack under their own names, once each', () => {
    expect(Object.keys(synthesizeLab().template.findOutputs('*')).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it.each([
    ['with the web app', {}, OUTPUT_NAMES],
    ['without the web app', { webApp: false as const }, OUTPUT_NAMES.filter((name) => name !== 'WebAppUrl')],
  ])('are under an embedded construct %s', (_name, props, names) => {
    const ids = embeddedOutputIds(props);
    expect(ids).toHaveLength(names.length);
    for (const name of names) expect(ids.some((id) => id.startsWith(`Lab${name}`)), name).toBe(true);
  });

  it('are left out of an embedded construct with outputs: false', () => {
    expect(embeddedOutputIds({ outputs: false })).toEqual([]);
  });
});
