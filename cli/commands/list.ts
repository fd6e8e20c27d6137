import { stringOption } from '../args';
import { type Command, helpText } from '../command';
import type { ExperimentPageResponse } from '../../shared/contracts/experiments';
import { formatTable } from '../format';
import { EXIT_OK, writeLine } from '../io';

/** Query parameters `list` passes through. */
const QUERY_OPTIONS = ['status', 'stage', 'limit', 'cursor'] as const;

/** `list [--status s] [--stage s] [--limit n] [--cursor c]`: experiments, newest first. */
export const listCommand: Command = {
  name: 'list',
  summary: 'list experiments, newest first',
  help: helpText(
    'list [--status <status>] [--stage <stage>] [--limit <n>] [--cursor <cursor>]',
    ['Lists experiments, newest first, one line each with its results summary.'],
    [
      '  --status <status>    draft, running, paused, completed or archived',
      '  --stage <stage>      journey stage, e.g. post_purchase',
      '  --limit <n>          page size (default 25, at most 100)',
      '  --cursor <cursor>    the next page, as printed under the previous one',
    ],
  ),
  options: { status: { type: 'string' }, stage: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ args, io, client }) {
    const query = new URLSearchParams();
    for (const name of QUERY_OPTIONS) {
      const value = stringOption(args, name);
      if (value !== undefined) query.set(name, value);
    }
    const suffix = query.size === 0 ? '' : `?${query.toString()}`;
    const { body } = await client().request<ExperimentPageResponse>('GET', `/v1/experiments${suffix}`);
    if (body.items.length === 0) {
      writeLine(io.stdout, 'no experiments');
      return EXIT_OK;
    }
    const rows = body.items.map((item) => [item.id, item.status, item.definition.stage, String(item.version), item.definition.name, item.summary?.line ?? '']);
    for (const line of formatTable(['ID', 'STATUS', 'STAGE', 'VERSION', 'NAME', 'SUMMARY'], rows)) writeLine(io.stdout, line);
    if (body.nextCursor !== undefined) writeLine(io.stdout, `more: --cursor ${body.nextCursor}`);
    return EXIT_OK;
  },
};
