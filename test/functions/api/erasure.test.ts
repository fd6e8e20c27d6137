import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/local-api';
import { type SendHarness, startSendHarness } from '../../shared/use-cases/sends/send-harness';

/**
 * Issue 10, "erasure leaves personal data": after DELETE /v1/customers/{id} the in-app inbox still
 * showed rendered messages with the customer's name. The test scans the WHOLE table afterwards.
 */
let harness: SendHarness;
beforeAll(async () => {
  harness = await startSendHarness('erasure');
});
afterAll(async () => harness.stop());

const api = (method: string, path: string, body?: unknown) => call(harness.platform, method, path, body);
/** What only this customer's data contains. */
const MARKERS = { name: 'Zoëlle-Marquise', email: 'zoelle.secret@example.com', phone: '+33698765432', city: 'Secret-City-Lyon' };

async function wholeTable(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await harness.documents.send(new ScanCommand({ TableName: harness.platform.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('erasure', () => {
  it("leaves none of the customer's data anywhere in the table, only the suppression list", async () => {
    const id = 'erase-me';
    const experimentId = await harness.experiment({
      channels: [
        { channel: 'in_app', title: 'Hello {{firstName}}', body: 'For {{firstName}} at {{surveyUrl}}' },
        { channel: 'email', subject: 'Hi {{firstName}}', html: '<p>{{firstName}}, <a href="{{surveyUrl}}">survey</a> <a href="{{unsubscribeUrl}}">unsubscribe</a></p>' },
      ],
      policy: { holdout: 0 },
    });
    const other = await harness.experiment({ channels: [{ channel: 'sms', text: 'Hi {{firstName}} {{surveyUrl}}' }, { channel: 'in_app', title: 'Hi {{firstName}}', body: '{{surveyUrl}}' }], policy: { holdout: 0 } });
    await api('PUT', `/v1/customers/${id}`, {
      attributes: { age: 41, city: MARKERS.city },
      contact: { email: MARKERS.email, phone: MARKERS.phone, timezone: 'Europe/Paris' },
      consents: { email: true, in_app: true, sms: true },
    });
    const variables = { firstName: MARKERS.name, surveyUrl: 'https://example.com/survey' };
    for (const experiment of [experimentId, other]) {
      const sent = await api('POST', `/v1/experiments/${experiment}/sends`, { customerId: id, variables });
      expect(sent.body.status).toBe('queued');
    }
    await harness.platform.queue.drain();
    await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'sms' });
    await api('POST', '/v1/events', { eventId: 'srv-erase-1', type: 'survey_completed', occurredAt: harness.clock.now().toISOString(), experimentId, customerId: id, value: 9 });
    const before = JSON.stringify(await wholeTable());
    expect(before).toContain(MARKERS.name); // the scan sees the data before erasure

    const erased = await api('DELETE', `/v1/customers/${id}`);
    expect(erased.status).toBe(200);

    const items = await wholeTable();
    for (const [what, marker] of Object.entries(MARKERS)) {
      const holding = items.filter((item) => JSON.stringify(item).includes(marker)).map((item) => `${item.pk as string} ${item.sk as string}`);
      expect(holding, `${what} still in`).toEqual([]);
    }
    expect(items.filter((item) => item.pk === `CUST#${id}`).map((item) => item.sk)).toEqual(['OPTOUTS']);
    expect(items.filter((item) => String(item.pk).startsWith(`INBOX#${id}`))).toEqual([]);
    expect((await api('GET', `/v1/customers/${id}/inbox`)).body.items).toEqual([]);
    // The suppression list is kept and enforced.
    const again = await api('POST', `/v1/experiments/${other}/sends`, { customerId: 'erase-me-2', variables });
    expect(again.status).toBe(200);
    expect((await harness.deps.customers.get(id))?.optOuts.sms).toEqual(expect.any(String));
  });
});
