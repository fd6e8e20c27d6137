import type { Customer } from '../../domain/customer/customer';
import type { Channel } from '../../domain/experiment/channels';

/** Where customers are stored. */
export interface CustomerRepository {
  /** The customer (strongly consistent: an opt-out is seen by the very next decision). */
  get(id: string): Promise<Customer | undefined>;
  /** Creates or replaces the customer's attributes, contact and consents (opt-outs are kept). */
  put(customer: Customer): Promise<void>;
  /** Records opt-outs (merged into existing ones; creates the customer if unknown). */
  optOut(id: string, channels: readonly Channel[], at: string): Promise<void>;
  /** Deletes the profile (contact, attributes, consents); opt-outs survive as a suppression list. */
  erase(id: string, at: string): Promise<void>;
}
