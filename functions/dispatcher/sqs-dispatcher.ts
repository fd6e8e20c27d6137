import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { loadSigningSecret } from '../../shared/runtime/signing-secret';
import { createDispatcherHandler } from './dispatcher-handler';

const config = loadConfig();

/** Lambda entry of the dispatcher (SQS event source with partial batch failure reporting). */
export const handler = createDispatcherHandler(createDependencies(config, { signingSecret: await loadSigningSecret(config) }));
