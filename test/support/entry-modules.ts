/**
 * The production entry modules, where the stack takes them from (`infra/entries.ts`), as absolute
 * paths a test can `import()`, and an admin API key made in the deployment's table.
 */
import { composeApi } from '../../functions/api/api-composition';
import { type ChannelLabEntries, resolveEntries } from '../../infra/entries';
import { loadConfig } from '../../shared/runtime/config';
import { createApiKey } from '../../shared/use-cases/auth/api-keys';

/** Absolute paths of every entry the stack deploys. */
export const ENTRY_MODULES: ChannelLabEntries = resolveEntries();

/** An admin API key in the table the environment names (as `npm run api-key:create` makes one). */
export async function createAdminKey(): Promise<string> {
  return (await createApiKey(composeApi(loadConfig()), { name: 'entries test', scopes: ['admin'] })).key;
}
