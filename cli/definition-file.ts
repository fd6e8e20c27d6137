import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CommandFailure } from './errors';
import type { CliIo } from './io';

/** A definition file read from disk. */
export interface DefinitionFile {
  /** The path as the user wrote it (for messages). */
  readonly path: string;
  readonly absolutePath: string;
  /** The file's text. */
  readonly text: string;
}

/**
 * Reads a YAML file named on the command line, relative to the run's working directory.
 * @throws CommandFailure when it cannot be read.
 */
export async function readDefinitionFile(path: string, io: CliIo): Promise<DefinitionFile> {
  const absolutePath = resolve(io.cwd ?? process.cwd(), path);
  try {
    return { path, absolutePath, text: await readFile(absolutePath, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new CommandFailure([`cannot read ${path}: ${reason}`]);
  }
}
