import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/local-api';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../../shared/use-cases/sends/send-harness';

let harness: SendHarness;
let counter = 0;
const fresh = (name: string) => `${name}-${(counter += 1)}`;

beforeAll(async () => {
  harness = await startSendHarness('customers-api');
});
afterAll(async () => harness.stop());

const api = (method: string, path: string, body?: unknown) => call(harness.platform, method, path, body);
const PROFILE = {
  attributes: { age: 52, plan: 'gold', address: { city: 'Lyon' } },
  contact: { email: 'ada@example.com', phone: '+33612345678', pushEndpointArn: 'arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/app/0f1e', timezone: 'Europe/Paris' },
  consents: { email: true, sms: true, push: false },
};

describe('customer profile', () => {
  it('PUT then GET returns what was written; PUT replaces', async () => {
    const id = fresh('ada');
    const put = await api('PUT', `/v1/customers/${id}`, PROFILE);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ id, ...PROFILE, optOuts: {}, updatedAt: harness.clock.now().toISOString() });
    expect((await api('GET', `/v1/customers/${id}`)).body).toEqual(put.body);
    const replaced = await api('PUT', `/v1/customers/${id}`, { contact: { email: 'new@example.com' } });
    expect(replaced.body).toMatchObject({ attributes: {}, contact: { email: 'new@example.com' }, consents: {} });
    expect((await api('GET', `/v1/customers/${id}`)).body.contact).toEqual({ email: 'new@example.com' });
  });

  it('a PUT keeps earlier opt-outs', async () => {
    const id = fresh('keep');
    await api('PUT', `/v1/customers/${id}`, PROFILE);
    await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'sms' });
    const replaced = await api('PUT', `/v1/customers/${id}`, PROFILE);
    expect(replaced.body.optOuts).toEqual({ sms: expect.any(String) });
    expect((await api('GET', `/v1/customers/${id}`)).body.optOuts).toEqual({ sms: expect.any(String) });
  });

  it.each([
    { name: 'a phone not in E.164', body: { contact: { phone: '06 12 34 56 78' } }, path: 'contact.phone' },
    { name: 'an unknown time zone', body: { contact: { timezone: 'Europe/Atlantis' } }, path: 'contact.timezone' },
    { name: 'a bad email', body: { contact: { email: 'not-an-email' } }, path: 'contact.email' },
    { name: 'an unknown field', body: { ...PROFILE, nickname: 'A' }, path: 'nickname' },
    { name: 'a consent for an unknown channel', body: { consents: { fax: true } }, path: 'consents.fax' },
  ])('PUT with $name → 400 naming $path, nothing stored', async ({ body, path }) => {
    const id = fresh('bad');
    const response = await api('PUT', `/v1/customers/${id}`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toContain(path);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect((await api('GET', `/v1/customers/${id}`)).status).toBe(404);
  });

  it('an invalid customer id → 400; an unknown customer → 404', async () => {
    expect((await api('PUT', '/v1/customers/a%23b', PROFILE)).status).toBe(400);
    const missing = await api('GET', '/v1/customers/nobody-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('erasure', () => {
  it('DELETE erases the profile and the decisions’ contact data; opt-outs remain and are still enforced', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('erase');
    await api('PUT', `/v1/customers/${id}`, PROFILE);
    await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'email' });
    const sent = await api('POST', `/v1/experiments/${experimentId}/sends`, { customerId: id, variables: SURVEY_VARIABLES });
    expect(sent.body).toMatchObject({ status: 'queued', channel: 'sms' });
    await harness.platform.queue.drain();

    const erased = await api('DELETE', `/v1/customers/${id}`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erasedAssignments: 1 });
    expect((await api('GET', `/v1/customers/${id}`)).status).toBe(404);
    const [assignment] = await harness.deps.assignments.listForCustomer(id);
    expect(assignment).toMatchObject({ contact: {}, variables: {}, channel: 'sms', segment: 'over_50', status: 'sent', propensity: 1 });

    // Coming back with inline contact and consents: the email opt-out still holds.
    const other = await harness.experiment({ policy: { holdout: 0 } });
    const again = await api('POST', `/v1/experiments/${other}/sends`, { customerId: id, variables: SURVEY_VARIABLES, contact: { email: 'ada@example.com' }, consents: { email: true } });
    expect(again.body).toMatchObject({ status: 'suppressed', reason: 'opted_out' });

    // An erased customer may still opt out further (the answer is the suppression record, not a profile).
    const later = await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'sms' });
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ contact: {}, optOuts: { email: expect.any(String), sms: expect.any(String) }, erasedAt: expect.any(String) });
    expect((await api('GET', `/v1/customers/${id}`)).status).toBe(404);

    // Erasing twice is harmless; a new PUT brings the customer back, opt-outs included.
    expect((await api('DELETE', `/v1/customers/${id}`)).status).toBe(200);
    const back = await api('PUT', `/v1/customers/${id}`, PROFILE);
    expect(back.body.optOuts).toEqual({ email: expect.any(String), sms: expect.any(String) });
    const restored = await api('GET', `/v1/customers/${id}`);
    expect(restored.status).toBe(200);
    expect(restored.body.erasedAt).toBeUndefined();
  });

  it('an erased customer without opt-outs is simply gone', async () => {
    const id = fresh('gone');
    await api('PUT', `/v1/customers/${id}`, PROFILE);
    expect((await api('DELETE', `/v1/customers/${id}`)).body).toEqual({ erasedAssignments: 0 });
    expect((await api('GET', `/v1/customers/${id}`)).status).toBe(404);
  });

  it('an opt-out for a customer never stored is kept (a suppression list entry) and answered', async () => {
    const id = fresh('stranger');
    const response = await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'all' });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.optOuts).sort()).toEqual(['email', 'in_app', 'push', 'sms', 'webhook']);
  });
});

describe('in-app inbox', () => {
  it('GET lists pending messages; read marks them; read ones leave the pending list', async () => {
    const experimentId = await harness.experiment({
      policy: { holdout: 0 },
      channels: [
        { channel: 'in_app', title: 'Hi {{firstName}}', body: 'How was your order?', callToAction: { label: 'Answer', url: 'https://example.com/survey' } },
        { channel: 'email', subject: 'Survey', text: 'Hi {{firstName}}, {{surveyUrl}}' },
      ],
    });
    const id = fresh('inbox');
    await api('PUT', `/v1/customers/${id}`, { consents: { in_app: true } });
    const sent = await api('POST', `/v1/experiments/${experimentId}/sends`, { customerId: id, variables: SURVEY_VARIABLES });
    expect(sent.body).toMatchObject({ status: 'queued', channel: 'in_app' });
    await harness.platform.queue.drain();

    const inbox = await api('GET', `/v1/customers/${id}/inbox`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual([
      {
        messageId: `inbox-${sent.body.assignmentId}`,
        assignmentId: sent.body.assignmentId,
        title: 'Hi Ada',
        body: 'How was your order?',
        callToAction: { label: 'Answer', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/t\//) },
        status: 'pending',
        createdAt: expect.any(String),
      },
    ]);
    const messageId = inbox.body.items[0].messageId as string;
    const read = await api('POST', `/v1/customers/${id}/inbox/${messageId}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...inbox.body.items[0], status: 'read', readAt: expect.any(String) });
    expect((await api('POST', `/v1/customers/${id}/inbox/${messageId}/read`)).body.readAt).toBe(read.body.readAt);
    expect((await api('GET', `/v1/customers/${id}/inbox`)).body.items).toEqual([]);
    expect((await api('GET', `/v1/customers/${id}/inbox?includeRead=true`)).body.items).toMatchObject([{ messageId, status: 'read' }]);
    // Another customer cannot read it.
    expect((await api('POST', `/v1/customers/someone-else/inbox/${messageId}/read`)).status).toBe(404);
    expect((await api('GET', `/v1/customers/${id}/inbox?includeRead=maybe`)).status).toBe(400);
  });
});
