import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DesignSummary } from '../../../shared/contract/designer.contract';
import { DesignLayout, EMPTY_LAYOUT, tableKey, type Design } from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import type { EmitFn } from '../../../shared/events';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../logging/logger';
import { resolveInsideReal } from '../workspace/safe-path';
import { writeFileAtomic } from '../workspace/yaml-file';
import { formatDbml, parseDbml, readDbml, rememberDbml } from './dbml';
import { dbmlRefusals } from './dbml-check';
import { dialectOf } from './dbml-syntax';
import { externalForeignKeys, refersInside, tablesByName, withExternalForeignKeys } from './external-refs';
import { DESIGNS_FOLDER, watchDesigns, type DesignsWatch } from './watch-designs';

/** The dialect a file that names none is read in: DBML's (and dbdiagram.io's) own default. */
const FALLBACK_DIALECT: Engine = 'postgres';

/** `a/b.dbml` → `a/b.layout.json`. */
export function sidecarPath(path: string): string {
  return path.replace(/\.dbml$/i, '.layout.json');
}

/**
 * The sidecar as JSON that diffs well: `version`, `tables` by sorted key, `groups`, then any other (optional)
 * fields in name order; 2-space indent and a trailing newline.
 */
export function stringifyLayout(layout: DesignLayout): string {
  const { version, tables, groups, ...rest } = layout;
  const sortedTables = Object.fromEntries(
    Object.keys(tables)
      .sort()
      .map((key) => [key, tables[key]]),
  );
  const others = Object.fromEntries(
    Object.keys(rest)
      .sort()
      .map((key) => [key, (rest as Record<string, unknown>)[key]]),
  );
  return `${JSON.stringify({ version, tables: sortedTables, groups, ...others }, null, 2)}\n`;
}

/**
 * The design as DBML, refused (INVALID_INPUT, nothing written) when DBML would not hold it (dbml-check.ts): a file
 * the app writes always opens again.
 */
function formatChecked(design: Design): string {
  const problems = dbmlRefusals(design);
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `The design cannot be saved as DBML: ${problems[0]}`, { problems });
  }
  const dbml = formatDbml(design);
  // what reading the file back gives (foreign keys to tables outside the design live in the sidecar)
  const byName = tablesByName(design);
  const inside: Design = {
    ...design,
    tables: design.tables.map((table) => ({
      ...table,
      foreignKeys: table.foreignKeys.filter((fk) => refersInside(design, table, fk, byName)),
    })),
  };
  rememberDbml(dbml, FALLBACK_DIALECT, inside);
  return dbml;
}

/**
 * The text of `file` when it reads as the design whose DBML is `dbml` (read as `read` reads it, with the sidecar
 * about to be written); null when it differs, is missing or does not read.
 */
async function holdingAlready(
  file: string,
  dbml: string,
  sidecar: DesignLayout,
  layout: DesignLayout,
): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  if (text === dbml) return text;
  try {
    const read = withExternalForeignKeys(readDbml(text, FALLBACK_DIALECT, file), sidecar);
    return formatDbml(withSidecarVisuals(read, layout)) === dbml ? text : null;
  } catch {
    return null;
  }
}

/** The layout as the sidecar holds it: the visual part as given, the outside references from the design. */
function sidecarOf(design: Design, layout: DesignLayout): DesignLayout {
  const { externalForeignKeys: _stale, ...visual } = layout;
  const external = externalForeignKeys(design);
  return external ? { ...visual, externalForeignKeys: external } : visual;
}

/**
 * The sidecar's colours and groups and the DBML's `headercolor`s and `TableGroup`s say the same thing: writing puts
 * a sidecar colour the design lacks into its table's `headercolor`, and the sidecar's groups into `TableGroup`s when
 * the design has none; reading puts the DBML's into the layout it returns. The DBML wins where both say something.
 */
export function withSidecarVisuals(design: Design, layout: DesignLayout): Design {
  const tables = design.tables.map((table) => {
    const color = layout.tables[tableKey(table)]?.color;
    return table.headerColor === undefined && color !== undefined
      ? { ...table, headerColor: color.toLowerCase() }
      : table;
  });
  const groups =
    design.groups === undefined && layout.groups.length > 0
      ? layout.groups.map((g) => ({
          name: g.name,
          tables: g.tables,
          note: null,
          color: g.color?.toLowerCase() ?? null,
        }))
      : design.groups;
  return { ...design, tables, ...(groups === undefined ? {} : { groups }) };
}

/** The layout with the design's `headercolor`s and `TableGroup`s (see withSidecarVisuals). */
export function layoutWithDesignVisuals(layout: DesignLayout, design: Design): DesignLayout {
  const tables = { ...layout.tables };
  for (const table of design.tables) {
    const key = tableKey(table);
    const at = tables[key];
    if (at !== undefined && table.headerColor !== undefined) tables[key] = { ...at, color: table.headerColor };
  }
  const groups =
    design.groups === undefined
      ? layout.groups
      : design.groups.map((g) => ({ name: g.name, tables: g.tables, ...(g.color === null ? {} : { color: g.color }) }));
  return { ...layout, tables, groups };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The design files of the workspace (`designs/*.dbml` and their `.layout.json` sidecars), watched so a change made
 * outside the app is reported (`designer.filesChanged`). docs/designs.md describes the format.
 */
export class DesignFiles {
  private readonly root: string;
  private readonly watch: DesignsWatch;

  constructor(private readonly options: { workspaceDir: string; emit: EmitFn; logger: Logger; debounceMs?: number }) {
    this.root = join(options.workspaceDir, DESIGNS_FOLDER);
    this.watch = watchDesigns({
      workspaceDir: options.workspaceDir,
      debounceMs: options.debounceMs,
      onChange: (paths) => options.emit('designer.filesChanged', { paths }),
      onError: (error) => options.logger.warn({ err: String(error) }, 'designs folder watch failed'),
    });
  }

  /** Every design file under `designs/` (subfolders too), by path; a file that does not parse carries `error`. */
  async list(): Promise<DesignSummary[]> {
    const paths = await this.designPaths('');
    const summaries = await Promise.all(paths.map((path) => this.summary(path)));
    return summaries.filter((s): s is DesignSummary => s !== null).sort((a, b) => a.path.localeCompare(b.path));
  }

  async read(path: string): Promise<{ path: string; dbml: string; design: Design; layout: DesignLayout }> {
    const file = await this.resolve(path);
    let dbml: string;
    try {
      dbml = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) throw new AppError('NOT_FOUND', `There is no design ${DESIGNS_FOLDER}/${path}.`, { path });
      throw error;
    }
    const parsed = readDbml(dbml, FALLBACK_DIALECT, `${DESIGNS_FOLDER}/${path}`);
    const sidecar = await this.readLayout(path);
    const { externalForeignKeys: _inDesign, ...layout } = sidecar;
    return {
      path,
      dbml,
      design: withExternalForeignKeys(parsed, sidecar),
      layout: layoutWithDesignVisuals(layout, parsed),
    };
  }

  /**
   * Writes the DBML and the sidecar, each through a temp file and a rename. A DBML file that already holds this
   * design (only positions or colours of the sidecar changed: a table moved, new tables placed on opening) is left
   * as its author spelled it.
   */
  async write(path: string, given: Design, layout: DesignLayout): Promise<{ path: string; dbml: string }> {
    const file = await this.resolve(path);
    const design = withSidecarVisuals(given, layout);
    const dbml = formatChecked(design);
    const sidecar = sidecarOf(design, layout);
    const kept = await holdingAlready(file, dbml, sidecar, layout);
    await mkdir(dirname(file), { recursive: true });
    if (kept === null) await writeFileAtomic(file, dbml);
    await writeFileAtomic(await this.resolve(sidecarPath(path)), stringifyLayout(sidecar));
    return { path, dbml: kept ?? dbml };
  }

  /** Creates a new file; CONFLICT when one exists at `path`. */
  async create(
    path: string,
    given: Design,
    layout: DesignLayout,
  ): Promise<{ path: string; design: Design; layout: DesignLayout }> {
    const file = await this.resolve(path);
    const design = withSidecarVisuals(given, layout);
    const dbml = formatChecked(design);
    await mkdir(dirname(file), { recursive: true });
    // link() refuses an existing name, so two creates of one path cannot both win
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFileAtomic(temp, dbml);
    try {
      await link(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new AppError('CONFLICT', `${DESIGNS_FOLDER}/${path} exists already; choose another name.`, { path });
      }
      throw new AppError('IO_ERROR', `${DESIGNS_FOLDER}/${path}: could not be written (${(error as Error).message})`);
    } finally {
      await rm(temp, { force: true });
    }
    await writeFileAtomic(await this.resolve(sidecarPath(path)), stringifyLayout(sidecarOf(design, layout)));
    const { externalForeignKeys: _dropped, ...visual } = layout;
    return { path, design, layout: layoutWithDesignVisuals(visual, design) };
  }

  /** Deletes the design and its sidecar; false when there was no design at `path`. */
  async delete(path: string): Promise<boolean> {
    const file = await this.resolve(path);
    const existed = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    await rm(file, { force: true });
    await rm(await this.resolve(sidecarPath(path)), { force: true });
    return existed;
  }

  async dispose(): Promise<void> {
    this.watch.close();
  }

  private resolve(path: string): Promise<string> {
    return resolveInsideReal(this.root, path);
  }

  private async readLayout(path: string): Promise<DesignLayout> {
    const name = `${DESIGNS_FOLDER}/${sidecarPath(path)}`;
    let text: string;
    try {
      text = await readFile(await this.resolve(sidecarPath(path)), 'utf8');
    } catch (error) {
      if (isMissing(error)) return EMPTY_LAYOUT;
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new AppError(
        'INVALID_INPUT',
        `${name} is not valid JSON (${(error as Error).message}); fix or delete it.`,
        {
          path: name,
        },
      );
    }
    const parsed = DesignLayout.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError(
        'INVALID_INPUT',
        `${name}: ${issue.path.join('.') || '(top)'}: ${issue.message}; fix or delete the layout file.`,
        { path: name, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      );
    }
    return parsed.data;
  }

  /** `.dbml` files under `designs/<dir>`, as paths relative to `designs/`, dot files and folders left out. */
  private async designPaths(dir: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(join(this.root, dir), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const found: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) found.push(...(await this.designPaths(path)));
      else if (entry.isFile() && /\.dbml$/i.test(entry.name)) found.push(path);
    }
    return found;
  }

  private async summary(path: string): Promise<DesignSummary | null> {
    const file = join(this.root, path);
    let text: string;
    let info;
    try {
      [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    } catch (error) {
      if (isMissing(error)) return null; // gone between the listing and the look
      throw error;
    }
    const { design, problems } = parseDbml(text, FALLBACK_DIALECT);
    const named = dialectOf(/database_type\s*:\s*['"]([^'"\n]*)['"]/i.exec(text)?.[1]);
    const first = problems[0];
    return {
      path,
      name: path.replace(/^.*\//, '').replace(/\.dbml$/i, ''),
      dialect: design?.dialect ?? named,
      tables: design?.tables.length ?? 0,
      sizeBytes: info.size,
      modifiedAt: info.mtime.toISOString(),
      ...(first ? { error: `line ${first.line}, column ${first.column}: ${first.message}` } : {}),
    };
  }
}
