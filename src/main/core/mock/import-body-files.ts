/**
 * Body files of an imported mock (issue 7): a Mockoon environment (or a mock file) names them relative to its
 * own folder, which the imported mock no longer lives in. They are copied into `<slug>-files/` next to the new
 * mock file and its responses point there, so file responses keep working. A path that leaves the source
 * folder, also through a symbolic link, is refused with a warning, and that response has no body.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { MockDefinition, MockRouteResponse } from '../../../shared/mock-definition';
import { MockFiles } from './mock-files';
import { resolveInside, resolveInsideReal } from '../workspace/safe-path';

/** Largest body file copied (larger ones are left out with a warning). */
export const MAX_BODY_FILE_BYTES = 50 * 1024 * 1024;

export interface BodyFileCopy {
  /** The file's path as the imported mock names it, inside the mocks folder (`shop-files/bodies/a.json`). */
  target: string;
  bytes: Buffer;
}

export interface PlannedBodyFiles {
  definition: MockDefinition;
  copies: BodyFileCopy[];
  warnings: string[];
}

/**
 * Reads the body files `definition` names from `sourceDir` (null: the file came without its folder, an upload)
 * and points its responses at `<folder>/…`. Nothing is written yet: `writeBodyFiles` does, once the mock is.
 */
export async function planBodyFiles(
  definition: MockDefinition,
  { sourceDir, folder }: { sourceDir: string | null; folder: string },
): Promise<PlannedBodyFiles> {
  const copies = new Map<string, BodyFileCopy>();
  const warnings: string[] = [];
  const routes = [];
  for (const [routeIndex, route] of definition.routes.entries()) {
    const responses: MockRouteResponse[] = [];
    for (const [index, response] of route.responses.entries()) {
      const where = `routes[${routeIndex}] ${route.method === '*' ? '' : `${route.method} `}${route.path} response ${index + 1}`;
      responses.push(
        response.bodyFile === undefined
          ? response
          : await planOne(response, response.bodyFile, { sourceDir, folder, where, copies, warnings }),
      );
    }
    routes.push({ ...route, responses });
  }
  return { definition: { ...definition, routes }, copies: [...copies.values()], warnings };
}

async function planOne(
  response: MockRouteResponse,
  name: string,
  context: {
    sourceDir: string | null;
    folder: string;
    where: string;
    copies: Map<string, BodyFileCopy>;
    warnings: string[];
  },
): Promise<MockRouteResponse> {
  const { sourceDir, folder, where, copies, warnings } = context;
  const target = `${folder}/${name}`;
  const moved = { ...response, bodyFile: target };
  const without = () => {
    const rest = { ...response };
    delete rest.bodyFile;
    return rest;
  };
  if (name.includes('{{')) {
    warnings.push(
      `${where}: the body file path ${name} is a template, so no file was copied; put the files it names under ${folder}/`,
    );
    return moved;
  }
  if (sourceDir === null) {
    warnings.push(`${where}: the body file ${name} was not uploaded with the file; put it at mocks/${target}`);
    return moved;
  }
  if (MockFiles.isMockPath(name)) {
    // in the mocks folder a .yaml file is read as a mock
    warnings.push(`${where}: the body file ${name} is YAML, which the mocks folder would read as a mock; not copied`);
    return without();
  }
  let source: string;
  try {
    source = await resolveInsideReal(sourceDir, name);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'PATH_OUTSIDE_ROOT') throw error;
    warnings.push(
      `${where}: the body file ${name} is outside the folder of the imported file; refused, the response has no body`,
    );
    return without();
  }
  if (copies.has(target)) return moved;
  try {
    const info = await stat(source);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    if (info.size > MAX_BODY_FILE_BYTES) {
      warnings.push(`${where}: the body file ${name} is over ${MAX_BODY_FILE_BYTES / 1024 / 1024} MB; not copied`);
      return without();
    }
    copies.set(target, { target, bytes: await readFile(source) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    warnings.push(`${where}: the body file ${name} was not found next to the imported file; put it at mocks/${target}`);
  }
  return moved;
}

/** Writes the planned copies under `mocksRoot`, each atomically (temp file + rename). */
export async function writeBodyFiles(mocksRoot: string, copies: readonly BodyFileCopy[]): Promise<void> {
  for (const copy of copies) {
    const file = resolveInside(mocksRoot, copy.target);
    const temp = join(dirname(file), `.bb-${randomBytes(6).toString('hex')}.tmp`);
    await mkdir(dirname(file), { recursive: true });
    try {
      await writeFile(temp, copy.bytes);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new AppError(
        'IO_ERROR',
        `The body file mocks/${copy.target} could not be written: ${(error as Error).message}`,
        {
          file: copy.target,
        },
      );
    }
  }
}
