/**
 * The local outbox keeps each delivered message as its channel's provider would receive it, and
 * what it lists is what the API's contract (`OutboxEntrySchema`, which the web app reads) says:
 * the listing is typed as the contract here, so a field added to a rendered message without the
 * contract fails the typecheck, and parsed with it, so a stored shape the contract refuses fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../../../shared/adapters/dynamodb/outbox-sender';
import { type OutboxEntryResponse, OutboxResponseSchema } from '../../../../shared/contracts/sends';
import type { RenderedMessage } from '../../../../shared/use-cases/ports/channel-sender';
import { createTestTable, type TestTable } from '../../../support/dynamo';

const MESSAGES: readonly RenderedMessage[] = [
  { channel: 'email', to: 'ana@example.com', from: 'news@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', unsubscribeUrl: 'http://x/u/1' },
  { channel: 'sms', phoneNumber: '+33612345678', text: 'Hi', smsType: 'transactional' },
  { channel: 'push', endpointArn: 'arn:aws:sns:eu-west-1:1:endpoint/APNS/app/1', title: 'T', body: 'B', data: { screen: 'orders' } },
  { channel: 'in_app', customerId: 'c-42', title: 'T', body: 'B', callToAction: { label: 'Go', url: 'http://x/t/1' } },
  { channel: 'webhook', url: 'https://hooks.example.com/x', body: '{"a":1}' },
];

let table: TestTable;
let instant = 0;

beforeAll(async () => {
  table = await createTestTable('outbox');
});

afterAll(async () => {
  await table?.drop();
});

describe('the local outbox', () => {
  it('lists every channel’s message newest first, as the API contract describes it', async () => {
    const outbox = new DynamoOutbox(table.documents, table.tableName, () => new Date(Date.UTC(2026, 2, 2, 9, 0, instant++)).toISOString());
    for (const [index, message] of MESSAGES.entries()) {
      await outbox.senderFor(message.channel).send(message as never, { assignmentId: `a-${index}`, idempotencyKey: `a-${index}`, experimentId: 'e-1' });
    }
    const listed: OutboxEntryResponse[] = await outbox.list();
    expect(OutboxResponseSchema.parse({ items: listed })).toEqual({ items: listed });
    expect(listed.map((entry) => entry.message)).toEqual([...MESSAGES].reverse());
    expect(listed.map((entry) => entry.channel)).toEqual(MESSAGES.map((message) => message.channel).reverse());
    expect(listed.every((entry) => entry.experimentId === 'e-1')).toBe(true);
  });

  it("erases the rendered content of an erased customer's deliveries and keeps the delivery records", async () => {
    const erasure = await createTestTable('outbox-erasure');
    try {
      const outbox = new DynamoOutbox(erasure.documents, erasure.tableName, () => new Date(Date.UTC(2026, 2, 2, 9, 0, instant++)).toISOString());
      await outbox.senderFor('sms').send(MESSAGES[1] as never, { assignmentId: 'kept', idempotencyKey: 'kept', experimentId: 'e-1' });
      await outbox.senderFor('email').send(MESSAGES[0] as never, { assignmentId: 'erased', idempotencyKey: 'erased', experimentId: 'e-1' });
      await outbox.eraseAssignments(['erased']);
      const byAssignment = Object.fromEntries((await outbox.list()).map((entry) => [entry.assignmentId, entry.message]));
      expect(byAssignment).toEqual({ kept: MESSAGES[1], erased: { erased: true } });
    } finally {
      await erasure.drop();
    }
  });
});
