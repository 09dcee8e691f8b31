/**
 * The variables scripts of one send read and change: the current values per scope (changed as each script
 * ends, so the next script and `{{name}}` resolution see them) and what each writable scope changed, for
 * keeping. Runtime changes are kept in the service's session map; environment, globals and collection changes
 * are written back to their files through the environment and collection storage (secret rows stay secret:
 * their new value goes to the encrypted store), one write at a time.
 */
import type { Variable } from '../../../../shared/http-request';
import type { CollectionService } from '../collections/collection-service';
import { GLOBALS_PATH, type EnvironmentFiles } from '../collections/environment-files';
import type { WritableScope } from '../script/script-types';
import { layerOf, type VariableLayer } from '../variables/variable-resolver';

export type Changes = Record<string, string | null>;

export class ScriptVariables {
  private changes: Record<WritableScope, Changes> | null = null;
  /** Maps read, not copied, until a script reads or changes them (see `over`); then null. */
  private sources: Record<WritableScope, readonly ReadonlyMap<string, string>[]> | null = null;
  private own: Record<WritableScope, Map<string, string>> | null = null;

  constructor(
    scopes: { globals: Variable[]; collection: Variable[]; environment: Variable[]; runtime: Variable[] } | null,
  ) {
    if (!scopes) return;
    this.own = {
      globals: new Map(layerOf('global', scopes.globals).values),
      collection: new Map(layerOf('collection', scopes.collection).values),
      environment: new Map(layerOf('environment', scopes.environment).values),
      runtime: new Map(layerOf('runtime', scopes.runtime).values),
    };
  }

  /** What the scripts changed, per scope (null: removed). */
  get changed(): Record<WritableScope, Changes> {
    // made on first use: most sends of a run change nothing
    this.changes ??= { runtime: {}, environment: {}, collection: {}, globals: {} };
    return this.changes;
  }

  /** Some script changed a variable (else there is nothing to keep). */
  get hasChanges(): boolean {
    return this.changes !== null && Object.values(this.changes).some((scope) => Object.keys(scope).length > 0);
  }

  /**
   * Over maps the caller keeps (per scope, later ones win): a send without scripts only reads them, so the
   * collection runner does not copy the run's variables for every request; the first script copies them.
   */
  static over(sources: Record<WritableScope, readonly ReadonlyMap<string, string>[]>): ScriptVariables {
    const variables = new ScriptVariables(null);
    variables.sources = sources;
    return variables;
  }

  /** Copies borrowed maps now (what a send with scripts does first, so it sees them as they were when it began). */
  detach(): void {
    void this.values;
  }

  /** The current values per scope (a copy of borrowed maps, made once). */
  get values(): Record<WritableScope, Map<string, string>> {
    if (this.own) return this.own;
    const sources = this.sources!;
    const merged = (scope: WritableScope) => {
      const map = new Map<string, string>();
      for (const source of sources[scope]) for (const [name, value] of source) map.set(name, value);
      return map;
    };
    this.own = {
      globals: merged('globals'),
      collection: merged('collection'),
      environment: merged('environment'),
      runtime: merged('runtime'),
    };
    this.sources = null;
    return this.own;
  }

  /** As a script gets them. */
  forScript(): Record<WritableScope, Record<string, string>> {
    const values = this.values;
    return {
      runtime: Object.fromEntries(values.runtime),
      environment: Object.fromEntries(values.environment),
      collection: Object.fromEntries(values.collection),
      globals: Object.fromEntries(values.globals),
    };
  }

  apply(changes: Record<WritableScope, Changes>): void {
    const values = this.values;
    const changed = this.changed;
    for (const scope of Object.keys(changes) as WritableScope[]) {
      for (const [name, value] of Object.entries(changes[scope])) {
        if (value === null) values[scope].delete(name);
        else values[scope].set(name, value);
        changed[scope][name] = value;
      }
    }
  }

  /** Widest first, for the resolver. */
  layers(): VariableLayer[] {
    const sources = this.sources;
    if (sources) {
      const layers: VariableLayer[] = [];
      for (const source of sources.globals) layers.push({ scope: 'global', values: source });
      for (const source of sources.collection) layers.push({ scope: 'collection', values: source });
      for (const source of sources.environment) layers.push({ scope: 'environment', values: source });
      for (const source of sources.runtime) layers.push({ scope: 'runtime', values: source });
      return layers;
    }
    const values = this.own!;
    return [
      { scope: 'global', values: values.globals },
      { scope: 'collection', values: values.collection },
      { scope: 'environment', values: values.environment },
      { scope: 'runtime', values: values.runtime },
    ];
  }
}

/** Rows of a file with `changes` applied: a set row keeps its flags (secret, enabled), a removed one goes. */
export function applyToRows(rows: readonly Variable[], changes: Changes): Variable[] {
  const out: Variable[] = [];
  const done = new Set<string>();
  for (const row of rows) {
    if (!(row.name in changes)) {
      out.push(row);
      continue;
    }
    const value = changes[row.name];
    if (value === null || value === undefined || done.has(row.name)) continue;
    out.push({ ...row, value });
    done.add(row.name);
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value !== null && !done.has(name) && !rows.some((row) => row.name === name)) out.push({ name, value });
  }
  return out;
}

/**
 * Writes script changes to environments, globals and collection.yaml: each file is read, changed and written in
 * its file's queue (EnvironmentFiles.update, CollectionService.updateCollectionVariables), the queue UI saves go
 * through too, so neither overwrites the other with what it read before.
 */
export class VariableWriter {
  constructor(private readonly deps: { environments: EnvironmentFiles; collections: CollectionService }) {}

  /** Returns notes for changes that had nowhere to go (no environment selected, a request in no collection). */
  async write({
    changed,
    environment,
    collection,
  }: {
    changed: Record<WritableScope, Changes>;
    environment: string | null;
    collection: string | null;
  }): Promise<string[]> {
    const { environments, collections } = this.deps;
    const notes: string[] = [];
    const some = (changes: Changes) => Object.keys(changes).length > 0;
    const writes: Promise<void>[] = [];
    if (some(changed.globals)) {
      writes.push(
        environments.update(GLOBALS_PATH, (file) => ({
          ...file,
          variables: applyToRows(file.variables, changed.globals),
        })),
      );
    }
    if (some(changed.environment)) {
      if (environment) {
        writes.push(
          environments.update(environment, (file) => ({
            ...file,
            variables: applyToRows(file.variables, changed.environment),
          })),
        );
      } else {
        notes.push(
          `No environment is selected: ${names('environment', changed.environment)} set for this send only, not kept.`,
        );
      }
    }
    if (some(changed.collection)) {
      if (collection) {
        writes.push(collections.updateCollectionVariables(collection, (rows) => applyToRows(rows, changed.collection)));
      } else {
        notes.push(
          `The request is in no collection: ${names('collection', changed.collection)} set for this send only, not kept.`,
        );
      }
    }
    await Promise.all(writes);
    return notes;
  }
}

function names(scope: string, changes: Changes): string {
  const list = Object.keys(changes);
  return `${scope} variable${list.length === 1 ? '' : 's'} ${list.map((name) => `"${name}"`).join(', ')}`;
}
