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

  it('erases the customer’s triggered sends with the event’s values, counting the waiting ones as exited', async () => {
    const id = 'erase-triggered';
    const experimentId = await harness.experiment({ trigger: { event: 'erasure_signed_up', delay: { minutes: 60 }, variables: { firstName: 'name', surveyUrl: 'url' } }, policy: { holdout: 0 } });
    harness.platform.clearCaches();
    await api('PUT', `/v1/customers/${id}`, { attributes: { city: MARKERS.city }, contact: { email: MARKERS.email }, consents: { email: true } });
    const event = { kind: 'customer', eventId: 'erase-signup-1', name: 'erasure_signed_up', customerId: id, occurredAt: harness.clock.now().toISOString(), properties: { name: MARKERS.name, url: 'https://example.com/s' }, attributes: { city: MARKERS.city } };
    expect((await api('POST', '/v1/events', event)).body.status).toBe('triggered');
    expect(JSON.stringify(await wholeTable())).toContain(MARKERS.name);

    expect((await api('DELETE', `/v1/customers/${id}`)).status).toBe(200);

    const items = await wholeTable();
    expect(items.filter((item) => JSON.stringify(item).includes(MARKERS.name) || JSON.stringify(item).includes(MARKERS.city)).map((item) => `${item.pk as string} ${item.sk as string}`)).toEqual([]);
    expect(items.filter((item) => item.pk === `CUST#${id}`).map((item) => item.sk)).toEqual([]);
    expect((await api('GET', `/v1/customers/${id}/pending-sends`)).body.items).toEqual([]);
    expect((await api('GET', `/v1/experiments/${experimentId}/trigger-counts`)).body).toMatchObject({ triggered: 1, waiting: 0, exited: { total: 1, byReason: { customer_erased: 1 } } });
    // Its timer finds nothing when due: nothing is sent.
    harness.clock.advance(2 * 3_600_000);
    expect(await harness.platform.runSchedule()).toMatchObject({ fired: 0, staleTimers: 1 });
  });
});
