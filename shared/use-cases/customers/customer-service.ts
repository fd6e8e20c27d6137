import type { PendingSendStore } from '../ports/pending-sends';
import { type Customer, CustomerIdSchema, type CustomerInput, type OptOutInput, optOutChannels } from '../../domain/customer/customer';
import { NotFoundError } from '../../domain/errors/channel-lab-error';
import { parseOrThrow } from '../../domain/errors/zod-issues';
import { storageProblem } from '../../domain/sends/storable';
import type { Clock } from '../ports/clock';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { CustomerRepository } from '../ports/customer-repository';

/** What the customer use cases need. */
export interface CustomerDependencies {
  readonly customers: CustomerRepository;
  /** Decisions (erasure removes their contact snapshots). */
  readonly assignments: AssignmentRepository;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  /** The in-app inbox (erasure deletes the customer's rendered messages). */
  readonly inbox?: { eraseCustomer(customerId: string): Promise<number> };
  /** Triggered sends (erasure exits the waiting ones and deletes them all: they hold the event's values). */
  readonly pendingSends?: Pick<PendingSendStore, 'listForCustomer' | 'exit' | 'remove'>;
  /** The local outbox (erasure deletes the messages delivered to the customer; local platform only). */
  readonly outbox?: { eraseAssignments(assignmentIds: readonly string[]): Promise<void> };
}

function customerId(id: string): string {
  return parseOrThrow(CustomerIdSchema, id, 'customer id');
}

/** Exits the customer's waiting triggered sends (counted, reason `customer_erased`), then deletes every one of them. */
async function eraseTriggeredSends(deps: CustomerDependencies, id: string): Promise<void> {
  if (!deps.pendingSends) return;
  const at = deps.clock.now().toISOString();
  for (const pending of await deps.pendingSends.listForCustomer(id)) {
    if (pending.status === 'waiting') await deps.pendingSends.exit(pending, { reason: 'customer_erased', at, from: 'waiting' });
    await deps.pendingSends.remove(pending);
  }
}

/**
 * Creates or replaces a customer's attributes, contact and consents (opt-outs are kept).
 *
 * @param parsed - the profile parsed with `CustomerInputSchema` (the router's body schema).
 */
export async function putCustomer(deps: CustomerDependencies, id: string, parsed: CustomerInput): Promise<Customer> {
  // What DynamoDB cannot store (attributes nested over 32 levels, an item over 400 KB) is a 400, not a 500.
  const unstorable = storageProblem('customer', { attributes: parsed.attributes, contact: parsed.contact, consents: parsed.consents });
  if (unstorable) throw unstorable;
  const existing = await deps.customers.get(customerId(id));
  const customer: Customer = { id, ...parsed, optOuts: existing?.optOuts ?? {}, updatedAt: deps.clock.now().toISOString() };
  await deps.customers.put(customer);
  return customer;
}

/**
 * The customer.
 * @throws NotFoundError when unknown or erased (an erased customer's opt-outs remain, but not the profile).
 */
export async function getCustomer(deps: Pick<CustomerDependencies, 'customers'>, id: string): Promise<Customer> {
  const customer = await deps.customers.get(customerId(id));
  if (!customer) throw new NotFoundError(`customer ${id} not found`);
  if (customer.erasedAt !== undefined) throw new NotFoundError(`customer ${id} was erased (only the opt-outs are kept)`);
  return customer;
}

/** Opts a customer out of a channel or of all; effective for the very next decision. Repeats are harmless. */
export async function optOutCustomer(deps: CustomerDependencies, id: string, { channel }: OptOutInput): Promise<Customer> {
  await deps.customers.optOut(customerId(id), optOutChannels(channel), deps.clock.now().toISOString());
  // Not getCustomer: an erased (or never stored) customer may still opt out, and the answer is the record kept.
  const customer = await deps.customers.get(id);
  if (!customer) throw new NotFoundError(`customer ${id} not found`);
  return customer;
}

/**
 * Erases a customer: the profile; each decision's contact snapshot, template values and failure
 * reason; the in-app inbox (rendered messages); the messages delivered to them (local outbox).
 * Only the suppression list (opt-outs) and anonymous statistics remain. Repeats are harmless.
 */
export async function eraseCustomer(deps: CustomerDependencies, id: string): Promise<{ erasedAssignments: number }> {
  const assignments = await deps.assignments.listForCustomer(customerId(id));
  for (const assignment of assignments) await deps.assignments.eraseContact(assignment.id);
  await deps.inbox?.eraseCustomer(id);
  await eraseTriggeredSends(deps, id);
  await deps.outbox?.eraseAssignments(assignments.map((assignment) => assignment.id));
  await deps.customers.erase(id, deps.clock.now().toISOString());
  return { erasedAssignments: assignments.length };
}
