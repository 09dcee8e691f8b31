/**
 * What `backbench run` is pointed at, made into a plan and variables: a collection folder or a Postman
 * collection JSON, and an environment given as a file (Backbench YAML or Postman JSON) or by name. A name is
 * looked up in the workspace the collection lives in (`<workspace>/collections/<collection>`), else in
 * `fallbackWorkspace`; that workspace's globals.yaml is used too. Secret values (kept in the app database, not in
 * files) are not read here: a request that needs one fails naming the variable.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { EnvironmentFile, Variable } from '../../../../shared/http-request';
import { parseEnvironmentYaml } from '../collections/http-yaml';
import { loadEnvironmentFile } from './run-inputs';
import { planFromDirectory, planFromPostmanFile, type RunPlan } from './run-plan';

export interface RunSources {
  plan: RunPlan;
  environment: EnvironmentFile | null;
  globals: Variable[];
  /** The workspace environments and globals came from, when one was used. */
  workspace: string | null;
}

const ENV_FILE = /\.ya?ml$/i;

export async function loadRunSources(input: {
  /** A collection folder or a Postman collection JSON file. */
  target: string;
  folder?: string;
  /** An environment file, or the name of one in the workspace. */
  environment?: string;
  fallbackWorkspace?: string;
}): Promise<RunSources> {
  const info = await stat(input.target).catch(() => null);
  if (!info) {
    throw new AppError('FILE_NOT_FOUND', `There is no collection folder or file ${input.target}.`, {
      file: input.target,
    });
  }
  const plan = info.isDirectory()
    ? await planFromDirectory({ dir: input.target, folder: input.folder })
    : await planFromPostmanFile(input.target, input.folder);
  // a collection folder inside a workspace: <workspace>/collections/<name>
  const parent = dirname(input.target);
  const own = info.isDirectory() && basename(parent) === 'collections' ? dirname(parent) : null;
  const workspace = own ?? input.fallbackWorkspace ?? null;

  let environment: EnvironmentFile | null = null;
  let fromWorkspace = false;
  if (input.environment !== undefined) {
    const asFile = await stat(input.environment).catch(() => null);
    if (asFile?.isFile()) environment = await loadEnvironmentFile(input.environment);
    else {
      environment = await namedEnvironment(input.environment, workspace);
      fromWorkspace = true;
    }
  }
  const globals = workspace && (own || fromWorkspace) ? await readGlobals(workspace) : [];
  return { plan, environment, globals, workspace: own || fromWorkspace ? workspace : null };
}

/** An environment of the workspace by its file name (`staging`, `staging.yaml`) or its `name`. */
async function namedEnvironment(name: string, workspace: string | null): Promise<EnvironmentFile> {
  const dir = workspace ? join(workspace, 'environments') : null;
  const files = dir ? await readdir(dir).catch(() => [] as string[]) : [];
  const yamlFiles = files.filter((file) => ENV_FILE.test(file) && !file.startsWith('.'));
  const byFile = yamlFiles.find((file) => file === name || file.replace(ENV_FILE, '') === name);
  if (byFile) return parseEnvironmentYaml(await readFile(join(dir!, byFile), 'utf8'), join(dir!, byFile));
  for (const file of yamlFiles) {
    const text = await readFile(join(dir!, file), 'utf8');
    const environment = (() => {
      try {
        return parseEnvironmentYaml(text, file);
      } catch {
        return null;
      }
    })();
    if (environment?.name === name) return environment;
  }
  const where = dir ? `in ${dir}` : 'and no workspace to look in';
  const hint = extname(name) ? ' (as a file it does not exist either)' : '';
  throw new AppError('NOT_FOUND', `There is no environment "${name}" ${where}${hint}.`, { environment: name });
}

async function readGlobals(workspace: string): Promise<Variable[]> {
  const file = join(workspace, 'globals.yaml');
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? [] : parseEnvironmentYaml(text, file).variables;
}
