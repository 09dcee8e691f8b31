/**
 * Environments (`<workspace>/environments/<name>.yaml`) and the globals (`<workspace>/globals.yaml`), with their
 * secret values split out: a variable marked `secret` is written to the file without its value, which goes to
 * the secret store; reading puts it back. Every write to one file (a save from the UI, a script's
 * read-change-write through `update`, a delete) goes through one queue for that file, and is atomic.
 */
import { mkdirSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { EnvironmentFile, Variable } from '../../../../shared/http-request';
import { slugify } from '../../mock/mock-files';
import { resolveInsideReal } from '../../workspace/safe-path';
import { writeFileAtomic } from '../../workspace/yaml-file';
import type { SecretVariables } from '../variables/secret-variables';
import { FileQueue } from './file-queue';
import { parseEnvironmentYaml, stringifyEnvironment } from './http-yaml';

export const GLOBALS_PATH = 'globals';
const ENV_FILE = /\.ya?ml$/i;

export interface EnvironmentSummary {
  /** The file's name in `environments/` (`staging.yaml`), or `globals`. */
  path: string;
  name: string;
  error: string | null;
}

export class EnvironmentFiles {
  readonly dir: string;
  private readonly queue = new FileQueue();

  constructor(
    private readonly workspaceDir: string,
    private readonly secrets: SecretVariables,
  ) {
    this.dir = join(workspaceDir, 'environments');
    mkdirSync(this.dir, { recursive: true });
  }

  async list(): Promise<EnvironmentSummary[]> {
    const names = (await readdir(this.dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && ENV_FILE.test(entry.name) && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
    const summaries = await Promise.all(
      names.map(async (path) => {
        try {
          return { path, name: (await this.readFile(path)).name, error: null };
        } catch (error) {
          return { path, name: path.replace(ENV_FILE, ''), error: (error as Error).message };
        }
      }),
    );
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The environment with secret values filled in from the store (absent when none is kept). */
  async read(path: string): Promise<EnvironmentFile> {
    const environment = await this.readFile(path);
    const scope = secretScope(path);
    return {
      ...environment,
      variables: environment.variables.map((variable) => {
        if (!variable.secret) return variable;
        const value = this.secrets.get(scope, variable.name);
        return value === null ? variable : { ...variable, value };
      }),
    };
  }

  /** Writes the file without secret values; those go to the secret store (and removed ones are forgotten). */
  save(path: string, environment: EnvironmentFile): Promise<void> {
    return this.queue.run(path, () => this.saveNow(path, environment));
  }

  /** Reads the environment, changes it and writes it back, with no other write to the file in between. */
  update(path: string, change: (environment: EnvironmentFile) => EnvironmentFile): Promise<void> {
    return this.queue.run(path, async () => this.saveNow(path, change(await this.read(path))));
  }

  private async saveNow(path: string, environment: EnvironmentFile): Promise<void> {
    const scope = secretScope(path);
    const written: Variable[] = environment.variables.map((variable) => {
      if (!variable.secret) return variable;
      if (variable.value !== undefined) this.secrets.set(scope, variable.name, variable.value);
      const { value: _dropped, ...rest } = variable;
      return rest;
    });
    await writeFileAtomic(await this.fileOf(path), stringifyEnvironment({ ...environment, variables: written }));
    this.secrets.prune(scope, new Set(environment.variables.filter((v) => v.secret).map((v) => v.name)));
  }

  /** A new, empty environment file named after `name`; CONFLICT when one of that file name exists. */
  async create(name: string): Promise<string> {
    const path = `${slugify(name)}.yaml`;
    if ((await this.list()).some((env) => env.path === path)) {
      throw new AppError('CONFLICT', `An environment file "${path}" already exists; choose another name.`, { path });
    }
    await this.save(path, { name, variables: [] });
    return path;
  }

  async delete(path: string): Promise<boolean> {
    if (path === GLOBALS_PATH)
      throw new AppError('INVALID_INPUT', 'The globals cannot be deleted; clear them instead.');
    return this.queue.run(path, () => this.deleteNow(path));
  }

  private async deleteNow(path: string): Promise<boolean> {
    const file = await this.fileOf(path);
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    await rm(file, { force: true });
    this.secrets.prune(secretScope(path), new Set());
    return existed;
  }

  private async readFile(path: string): Promise<EnvironmentFile> {
    const file = await this.fileOf(path);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        if (path === GLOBALS_PATH) return { name: 'Globals', variables: [] };
        throw new AppError('FILE_NOT_FOUND', `There is no environment "${path}".`, { path });
      }
      throw new AppError('IO_ERROR', `The environment "${path}" could not be read: ${(error as Error).message}`);
    }
    return parseEnvironmentYaml(text, path === GLOBALS_PATH ? 'globals.yaml' : path);
  }

  private async fileOf(path: string): Promise<string> {
    if (path === GLOBALS_PATH) return join(this.workspaceDir, 'globals.yaml');
    if (!ENV_FILE.test(path) || path.includes('/') || path.includes('\\')) {
      throw new AppError('INVALID_INPUT', `"${path}" is not an environment file name (name.yaml).`, { path });
    }
    return resolveInsideReal(this.dir, path);
  }
}

/** Secrets of an environment are keyed by its file; the globals' by `globals`. */
export function secretScope(path: string): string {
  return path === GLOBALS_PATH ? 'globals' : `env:${path}`;
}
