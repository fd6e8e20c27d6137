import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoInbox } from '../../../../shared/adapters/dynamodb/inbox-store';
import type { RenderedInApp } from '../../../../shared/domain/content/render-message';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let inbox: DynamoInbox;
let now = Date.parse('2026-06-01T10:00:00.000Z');

beforeAll(async () => {
  table = await createTestTable('inbox');
  inbox = new DynamoInbox(table.documents, table.tableName, () => new Date((now += 1000)).toISOString());
});
afterAll(async () => table.drop());

const message = (customerId: string, title: string): RenderedInApp => ({ channel: 'in_app', customerId, title, body: `${title} body` }) as RenderedInApp;

describe('DynamoInbox', () => {
  it('stores a message once per assignment (a redelivery does not duplicate it) and returns the same id', async () => {
    const first = await inbox.send(message('c1', 'Hello'), { assignmentId: 'a1', idempotencyKey: 'a1' });
    const again = await inbox.send(message('c1', 'Hello'), { assignmentId: 'a1', idempotencyKey: 'a1' });
    expect(first).toEqual({ providerMessageId: 'inbox-a1' });
    expect(again).toEqual(first);
    expect(await inbox.list('c1')).toEqual([{ messageId: 'inbox-a1', assignmentId: 'a1', title: 'Hello', body: 'Hello body', status: 'pending', createdAt: expect.any(String) }]);
  });

  it('lists newest first, pending only unless asked; read is idempotent and per customer', async () => {
    await inbox.send(message('c2', 'First'), { assignmentId: 'b1', idempotencyKey: 'b1' });
    await inbox.send(message('c2', 'Second'), { assignmentId: 'b2', idempotencyKey: 'b2' });
    await inbox.send(message('other', 'Not yours'), { assignmentId: 'b3', idempotencyKey: 'b3' });
    expect((await inbox.list('c2')).map((item) => item.title)).toEqual(['Second', 'First']);
    const read = await inbox.markRead('c2', 'inbox-b1');
    expect(read).toEqual({ messageId: 'inbox-b1', assignmentId: 'b1', title: 'First', body: 'First body', status: 'read', createdAt: expect.any(String), readAt: expect.any(String) });
    expect((await inbox.markRead('c2', 'inbox-b1'))?.readAt).toBe(read?.readAt);
    expect((await inbox.list('c2')).map((item) => item.title)).toEqual(['Second']);
    expect((await inbox.list('c2', true)).map((item) => [item.title, item.status])).toEqual([
      ['Second', 'pending'],
      ['First', 'read'],
    ]);
    expect(await inbox.markRead('c2', 'inbox-b3')).toBeUndefined();
    expect(await inbox.markRead('c2', 'inbox-none')).toBeUndefined();
    expect(await inbox.list('nobody')).toEqual([]);
  });
});
