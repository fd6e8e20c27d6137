/**
 * Measurement 2's instrument: a DynamoDB client middleware that asks every command for
 * `ReturnConsumedCapacity: 'TOTAL'` and adds up what DynamoDB Local reports, and next to it the
 * figure the DynamoDB service would bill for the same operations, computed from the operations
 * themselves (item sizes before and after each write, looked up with a second, uninstrumented
 * client; index entries written; consistency; transactions at twice the standard rate).
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CHANNEL_LAB_TABLE, type IndexDefinition, PARTITION_KEY, SORT_KEY } from '../../shared/adapters/dynamodb/table-definition';

/** Bytes per read request unit (strongly consistent read; eventually consistent reads cost half). */
export const READ_UNIT_BYTES = 4_096;
/** Bytes per write request unit. */
export const WRITE_UNIT_BYTES = 1_024;
/** Transactional reads and writes cost this many standard units. */
export const TRANSACTION_FACTOR = 2;
/** Eventually consistent reads (and every GSI query) cost this share of a strongly consistent one. */
export const EVENTUAL_READ_FACTOR = 0.5;
/** Overhead bytes of a List or Map attribute value. */
const CONTAINER_OVERHEAD_BYTES = 3;
/** Overhead bytes of each element of a List or Map. */
const ELEMENT_OVERHEAD_BYTES = 1;
/** Name of the middleware in the client's stack. */
const MIDDLEWARE_NAME = 'benchConsumedCapacity';
/** The table's global secondary indexes, each with its projection. */
const INDEXES = CHANNEL_LAB_TABLE.globalIndexes;

/** Read and write request units. */
export interface Units {
  /** Read request units. */
  read: number;
  /** Write request units. */
  write: number;
}

/** One DynamoDB call as the meter saw it. */
export interface OperationRecord {
  /** `GetItem`, `Query`, `PutItem`, `UpdateItem`, `DeleteItem`, `TransactWriteItems`, … */
  readonly command: string;
  /** Items written (transactions) or read (queries); 1 for single-item calls. */
  readonly items: number;
  /** What DynamoDB Local reported (`ConsumedCapacity`, TOTAL). */
  readonly local: Units;
  /** What the service would bill for the same operation (computed). */
  readonly expected: Units;
  /** Index entries written (GSI puts and deletes; a changed index key counts 2). */
  readonly indexWrites: number;
  /** False when the call failed (its expected figure still counts: failed conditional writes are billed). */
  readonly ok: boolean;
}

/** The operations recorded since the last reset. */
export class CapacityMeter {
  /** Operations in call order. */
  readonly records: OperationRecord[] = [];

  /** Forgets what was recorded. */
  reset(): void {
    this.records.length = 0;
  }

  /** Sum of local and expected units, and the operation counts by command. */
  totals(): { local: Units; expected: Units; operations: Record<string, number>; indexWrites: number } {
    const local: Units = { read: 0, write: 0 };
    const expected: Units = { read: 0, write: 0 };
    const operations: Record<string, number> = {};
    let indexWrites = 0;
    for (const record of this.records) {
      local.read += record.local.read;
      local.write += record.local.write;
      expected.read += record.expected.read;
      expected.write += record.expected.write;
      indexWrites += record.indexWrites;
      const name = record.command === 'TransactWriteItems' ? `TransactWriteItems(${record.items})` : record.command;
      operations[name] = (operations[name] ?? 0) + 1;
    }
    return { local, expected, operations, indexWrites };
  }
}

/**
 * Size of an attribute value as DynamoDB counts it (UTF-8 strings, about one byte per two
 * significant digits of a number plus one, 3 bytes per list or map plus 1 per element).
 *
 * @param value - a document-client value (string, number, boolean, null, array, object, Set, bytes).
 * @returns bytes.
 */
export function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value).replace(/^-/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, item: unknown) => sum + valueSize(item), 0);
  if (Array.isArray(value)) return CONTAINER_OVERHEAD_BYTES + value.reduce((sum: number, item: unknown) => sum + ELEMENT_OVERHEAD_BYTES + valueSize(item), 0);
  if (typeof value === 'object') {
    return CONTAINER_OVERHEAD_BYTES + Object.entries(value).reduce((sum, [name, item]) => (item === undefined ? sum : sum + ELEMENT_OVERHEAD_BYTES + Buffer.byteLength(name, 'utf8') + valueSize(item)), 0);
  }
  return 0;
}

/**
 * Size of an item: the sum over attributes of the name's UTF-8 length and the value's size.
 *
 * @param item - a document-client item, or undefined for no item.
 * @returns bytes (0 for no item).
 */
export function itemSize(item: Readonly<Record<string, unknown>> | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => (value === undefined ? sum : sum + Buffer.byteLength(name, 'utf8') + valueSize(value)), 0);
}

type Item = Record<string, unknown>;
type Key = Record<string, unknown>;

interface WriteRequest {
  readonly kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  readonly tableName: string;
  readonly key: Key;
}

function keyOf(item: Item): Key {
  return { [PARTITION_KEY]: item[PARTITION_KEY], [SORT_KEY]: item[SORT_KEY] };
}

function writesOf(command: string, input: Record<string, unknown>): WriteRequest[] {
  const table = String(input.TableName ?? '');
  if (command === 'PutItem') return [{ kind: 'Put', tableName: table, key: keyOf(input.Item as Item) }];
  if (command === 'UpdateItem') return [{ kind: 'Update', tableName: table, key: input.Key as Key }];
  if (command === 'DeleteItem') return [{ kind: 'Delete', tableName: table, key: input.Key as Key }];
  if (command === 'TransactWriteItems') {
    return ((input.TransactItems ?? []) as Record<string, Record<string, unknown>>[]).map((entry) => {
      if (entry.Put) return { kind: 'Put', tableName: String(entry.Put.TableName), key: keyOf(entry.Put.Item as Item) };
      if (entry.Update) return { kind: 'Update', tableName: String(entry.Update.TableName), key: entry.Update.Key as Key };
      if (entry.Delete) return { kind: 'Delete', tableName: String(entry.Delete.TableName), key: entry.Delete.Key as Key };
      const check = entry.ConditionCheck as Record<string, unknown>;
      return { kind: 'ConditionCheck', tableName: String(check.TableName), key: check.Key as Key };
    });
  }
  return [];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Set) ? Object.fromEntries(Object.entries(inner as Item).sort(([a], [b]) => a.localeCompare(b))) : inner instanceof Set ? [...inner].sort() : inner,
  );
}

/** The index entry of an item: the whole item (`ALL`), or its table and index keys plus the attributes the index includes. */
function indexEntry(item: Item | undefined, index: IndexDefinition): Item | undefined {
  if (!item || index.projection.type === 'ALL') return item;
  const names = [PARTITION_KEY, SORT_KEY, index.partitionKey, index.sortKey, ...(index.projection.type === 'INCLUDE' ? index.projection.attributes : [])];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
}

function indexKey(item: Item | undefined, index: { partitionKey: string; sortKey: string }): string | undefined {
  if (!item) return undefined;
  const pk = item[index.partitionKey];
  const sk = item[index.sortKey];
  return typeof pk === 'string' && typeof sk === 'string' ? `${pk}\u0000${sk}` : undefined;
}

/** Expected write units of one item write, and its index entries written. */
function expectedWrite(request: WriteRequest, before: Item | undefined, after: Item | undefined, ok: boolean, transactional: boolean): { units: number; indexWrites: number } {
  const factor = transactional ? TRANSACTION_FACTOR : 1;
  const units = (bytes: number): number => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
  if (request.kind === 'ConditionCheck') return { units: factor * units(itemSize(before)), indexWrites: 0 };
  const base = factor * units(Math.max(itemSize(before), ok ? itemSize(after) : 0));
  if (!ok) return { units: base, indexWrites: 0 };
  let indexUnits = 0;
  let indexWrites = 0;
  for (const index of INDEXES) {
    const was = indexKey(before, index);
    const is = indexKey(after, index);
    const entryBefore = indexEntry(before, index);
    const entryAfter = indexEntry(after, index);
    if (was !== undefined && is !== undefined) {
      if (was !== is) {
        indexWrites += 2;
        indexUnits += units(itemSize(entryBefore)) + units(itemSize(entryAfter));
      } else if (canonical(entryBefore) !== canonical(entryAfter)) {
        // Only a change of what the index projects rewrites its entry.
        indexWrites += 1;
        indexUnits += units(itemSize(entryAfter));
      }
    } else if (is !== undefined) {
      indexWrites += 1;
      indexUnits += units(itemSize(entryAfter));
    } else if (was !== undefined) {
      indexWrites += 1;
      indexUnits += units(itemSize(entryBefore));
    }
  }
  return { units: base + indexUnits, indexWrites };
}

function namesUsed(expression: string, map: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!map) return undefined;
  const used = Object.fromEntries(Object.entries(map).filter(([name]) => new RegExp(`${name.replace(/[$^*+?.()|[\]{}\\]/g, '\\$&')}(?![\\w])`).test(expression)));
  return Object.keys(used).length > 0 ? used : undefined;
}

/** Bytes a query evaluated (every item its key condition reached, before any filter or projection). */
async function queryEvaluatedBytes(side: DynamoDBDocumentClient, input: Record<string, unknown>): Promise<{ bytes: number; items: number }> {
  const keyCondition = String(input.KeyConditionExpression ?? '');
  const names = namesUsed(keyCondition, input.ExpressionAttributeNames as Record<string, unknown> | undefined);
  const values = namesUsed(keyCondition, input.ExpressionAttributeValues as Record<string, unknown> | undefined);
  const query: QueryCommandInput = {
    TableName: String(input.TableName),
    KeyConditionExpression: keyCondition,
    ...(input.IndexName ? { IndexName: String(input.IndexName) } : {}),
    ...(names ? { ExpressionAttributeNames: names as Record<string, string> } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...(input.ExclusiveStartKey ? { ExclusiveStartKey: input.ExclusiveStartKey as Key } : {}),
    ...(input.Limit !== undefined ? { Limit: Number(input.Limit) } : {}),
    ...(input.ScanIndexForward !== undefined ? { ScanIndexForward: Boolean(input.ScanIndexForward) } : {}),
  };
  const { Items = [] } = await side.send(new QueryCommand(query));
  return { bytes: Items.reduce((sum, item) => sum + itemSize(item), 0), items: Items.length };
}

function localUnits(command: string, output: unknown): Units {
  const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
  const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }[];
  const units: Units = { read: 0, write: 0 };
  const isRead = ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems'].includes(command);
  for (const entry of entries) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      units.read += entry.ReadCapacityUnits ?? 0;
      units.write += entry.WriteCapacityUnits ?? 0;
    } else if (isRead) units.read += entry.CapacityUnits ?? 0;
    else units.write += entry.CapacityUnits ?? 0;
  }
  return units;
}

/**
 * The document client behind a composition root's repositories. Each function's root hands one
 * document client (its `TableAccess`) to every repository; its middleware stack is the low-level
 * client's, so a middleware added here sees every command.
 *
 * @param repository - any repository built by a composition root (e.g. `deps.experiments`).
 * @returns its document client.
 */
export function documentClientOf(repository: unknown): DynamoDBDocumentClient {
  const client = (repository as { client?: DynamoDBDocumentClient }).client;
  if (!client || typeof client.send !== 'function' || !client.middlewareStack) {
    throw new Error('benchmark: the repository no longer exposes its document client as `client`; update bench/decision-cost/capacity.ts');
  }
  return client;
}

/**
 * Adds the metering middleware to `client`: every command gets `ReturnConsumedCapacity: 'TOTAL'`;
 * DynamoDB Local's report and the computed service figure are recorded in `meter`.
 *
 * @param client - the instrumented client (the application's).
 * @param side - a second client on the same table, not instrumented (before/after lookups).
 * @param meter - where operations are recorded.
 */
export function instrument(client: DynamoDBDocumentClient, side: DynamoDBDocumentClient, meter: CapacityMeter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '').replace(/Command$/, '');
      const input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'TOTAL' };
      const writes = writesOf(command, input);
      const read = (request: WriteRequest): Promise<Item | undefined> => side.send(new GetCommand({ TableName: request.tableName, Key: request.key, ConsistentRead: true })).then((result) => result.Item);
      const before = await Promise.all(writes.map(read));
      let output: unknown;
      let failure: unknown;
      try {
        const result = await next({ ...args, input: input as typeof args.input });
        output = result.output;
        return result;
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        await record(command, input, output, failure === undefined, writes, before);
      }
    },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );

  async function record(command: string, input: Record<string, unknown>, output: unknown, ok: boolean, writes: readonly WriteRequest[], before: readonly (Item | undefined)[]): Promise<void> {
    const local = localUnits(command, output);
    const expected: Units = { read: 0, write: 0 };
    let indexWrites = 0;
    let items = 1;
    if (writes.length > 0) {
      const after = await Promise.all(writes.map((request) => side.send(new GetCommand({ TableName: request.tableName, Key: request.key, ConsistentRead: true })).then((result) => result.Item)));
      writes.forEach((request, i) => {
        const cost = expectedWrite(request, before[i], after[i], ok, command === 'TransactWriteItems');
        expected.write += cost.units;
        indexWrites += cost.indexWrites;
      });
      items = writes.length;
    } else if (command === 'GetItem') {
      const projected = input.ProjectionExpression !== undefined;
      const item = projected
        ? (await side.send(new GetCommand({ TableName: String(input.TableName), Key: input.Key as Key, ConsistentRead: true }))).Item
        : (output as { Item?: Item } | undefined)?.Item;
      const units = Math.max(1, Math.ceil(itemSize(item) / READ_UNIT_BYTES));
      expected.read = input.ConsistentRead === true ? units : units * EVENTUAL_READ_FACTOR;
    } else if (command === 'Query') {
      const evaluated = await queryEvaluatedBytes(side, input);
      const units = Math.max(1, Math.ceil(evaluated.bytes / READ_UNIT_BYTES));
      expected.read = input.ConsistentRead === true && input.IndexName === undefined ? units : units * EVENTUAL_READ_FACTOR;
      items = evaluated.items;
    } else {
      // Not on the measured paths (Scan, batch calls): the local figure stands in for the service's.
      expected.read = local.read;
      expected.write = local.write;
    }
    meter.records.push({ command, items, local, expected, indexWrites, ok });
  }
}
