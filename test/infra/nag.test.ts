import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAG_REASONS } from '../../infra/nag-suppressions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ChannelLabStack } from '../../infra/channel-lab-stack';
import { awsSolutionsViolations, describeViolations, FIXTURE_ENTRIES, FIXTURE_HANDLER, FIXTURE_WEB_APP, synthesizeLab } from './support';

/** Every acknowledgement recorded in the construct tree under `stack`: rule id → reason. */
function acknowledgements(stack: ChannelLabStack): Map<string, string> {
  const found = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          found.set(`${construct.node.path} ${id}`, reason);
        }
      }
    }
  }
  return found;
}

describe('cdk-nag AwsSolutions', () => {
  let stack: ChannelLabStack;

  beforeAll(() => {
    stack = synthesizeLab().stack;
  });

  it('reports no unacknowledged error or warning for the default stack', () => {
    expect(describeViolations(awsSolutionsViolations(stack))).toEqual([]);
  });

  it('acknowledges findings only with a reason', () => {
    const acks = acknowledgements(stack);
    expect(acks.size).toBeGreaterThan(0);
    for (const [where, reason] of acks) {
      expect(reason.length, where).toBeGreaterThan(40);
    }
  });

  it('acknowledges IAM wildcards finding by finding, never the whole IAM5 rule', () => {
    const ids = [...acknowledgements(stack).keys()].map((key) => key.split(' ')[1]!);
    expect(ids.filter((id) => /AwsSolutions-IAM5$/.test(id))).toEqual([]);
    expect(ids.some((id) => /AwsSolutions-IAM5\[Resource::.*\/index\/\*\]$/.test(id))).toBe(true);
  });

  it('acknowledges Resource::* only where SMS publishing and listing the table’s streams need it', () => {
    const star = [...acknowledgements(stack)].filter(([key]) => key.endsWith('AwsSolutions-IAM5[Resource::*]'));
    expect(star.map(([key]) => key.split('/').slice(-3, -1).join('/'))).toEqual(['Service/Dispatcher', 'Service/CounterAggregator', 'Service/DispatchOutbox']);
    expect(star.map(([, reason]) => reason)).toEqual([NAG_REASONS.smsPublish, NAG_REASONS.streamList, NAG_REASONS.streamList]);
  });

  it.each([
    ['tracing on', { tracing: true }],
    ['customer-managed table key, SMS off', { tableEncryption: 'customer-managed' as const, enableSms: false }],
    ['existing domain identity, promotional SMS', { sesIdentity: 'example.com', createSesIdentity: false, smsType: 'promotional' as const }],
  ])('stays clean with %s', (_name, props) => {
    const variant = synthesizeLab(props).stack;
    expect(describeViolations(awsSolutionsViolations(variant))).toEqual([]);
  });

  it('flags a route added later without its own acknowledgement (the check is live)', () => {
    const variant = synthesizeLab().stack;
    variant.channelLab.service.addFunction('Reports', {
      entry: FIXTURE_HANDLER,
      description: 'An embedder\'s extra function',
      routes: [{ path: '/reports', methods: [HttpMethod.GET] }],
    });
    const rules = awsSolutionsViolations(variant).map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-APIG4');
  });

  it('passes synthesis with cdk-nag registered as a validation plugin, as `cdk synth` runs it', () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'channel-lab-nag-')) });
    new ChannelLabStack(app, 'Clean', { channelLab: { sesFromAddress: 'lab@example.com', entries: FIXTURE_ENTRIES, webApp: FIXTURE_WEB_APP } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synthesis on an unacknowledged finding', () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'channel-lab-nag-')) });
    const stack = new ChannelLabStack(app, 'Dirty', { channelLab: { sesFromAddress: 'lab@example.com', entries: FIXTURE_ENTRIES, webApp: FIXTURE_WEB_APP } });
    stack.channelLab.service.addFunction('Open', {
      entry: FIXTURE_HANDLER,
      description: 'Unacknowledged public route',
      routes: [{ path: '/open', methods: [HttpMethod.GET] }],
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-APIG4/);
  });
});
