import { CHANNELS, type Channel } from '../shared/domain/experiment/channels';
import type { CsvRow } from './csv';

/** Columns that become the recipient's contact. */
export const CONTACT_COLUMNS = ['email', 'phone', 'pushEndpointArn', 'timezone'] as const;
/** Column listing the channels the customer consents to (`email sms`, `email;sms`, `email|sms`). */
export const CONSENTS_COLUMN = 'consents';
/** Prefix of attribute columns (`attributes.age`). */
export const ATTRIBUTE_PREFIX = 'attributes.';
/** Prefix of template variable columns (`variables.firstName`). */
export const VARIABLE_PREFIX = 'variables.';
/** The column every row needs. */
export const ID_COLUMN = 'customerId';

/** A recipient read from a row, or what is wrong with the row. */
export type RowRecipient = { readonly ok: true; readonly recipient: Record<string, unknown> } | { readonly ok: false; readonly message: string };

/** An attribute cell as JSON: booleans and numbers are typed, the rest stays text. */
function attributeValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Columns the reader does not know (to say so before sending anything). */
export function unknownColumns(header: readonly string[]): string[] {
  return header.filter(
    (name) => name !== ID_COLUMN && name !== CONSENTS_COLUMN && !(CONTACT_COLUMNS as readonly string[]).includes(name) && !name.startsWith(ATTRIBUTE_PREFIX) && !name.startsWith(VARIABLE_PREFIX),
  );
}

/**
 * One CSV row as a recipient of `POST /v1/experiments/{id}/sends`: `customerId`; contact columns;
 * `consents`; `attributes.*` and `variables.*` (on top of the command's `--var` values). Empty cells
 * are left out. The API validates the rest (a bad row is rejected alone, naming the field).
 */
export function recipientFromRow(row: CsvRow, common: { variables: Readonly<Record<string, string>>; saveCustomer: boolean }): RowRecipient {
  const { cells } = row;
  const customerId = cells[ID_COLUMN]?.trim() ?? '';
  if (customerId === '') return { ok: false, message: `no ${ID_COLUMN}` };
  const contact: Record<string, string> = {};
  for (const column of CONTACT_COLUMNS) if (cells[column]) contact[column] = cells[column].trim();
  const attributes: Record<string, unknown> = {};
  const variables: Record<string, string> = { ...common.variables };
  for (const [name, value] of Object.entries(cells)) {
    if (value === '') continue;
    if (name.startsWith(ATTRIBUTE_PREFIX)) attributes[name.slice(ATTRIBUTE_PREFIX.length)] = attributeValue(value.trim());
    if (name.startsWith(VARIABLE_PREFIX)) variables[name.slice(VARIABLE_PREFIX.length)] = value;
  }
  const consents: Partial<Record<Channel, boolean>> = {};
  for (const word of (cells[CONSENTS_COLUMN] ?? '').split(/[\s;|]+/).filter(Boolean)) {
    if (!(CHANNELS as readonly string[]).includes(word)) return { ok: false, message: `consents: "${word}" is not a channel (${CHANNELS.join(', ')})` };
    consents[word as Channel] = true;
  }
  return {
    ok: true,
    recipient: {
      customerId,
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      ...(Object.keys(consents).length > 0 ? { consents } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      variables,
      ...(common.saveCustomer ? { saveCustomer: true } : {}),
    },
  };
}
