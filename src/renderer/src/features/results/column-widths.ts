/**
 * Column widths a user dragged, kept per grid scope (an editor or data tab and the statement's position in its
 * batch) by column name, so a re-run — sort, filter, reload, the same query again — draws the columns as the
 * user left them. A grid makes a new result, and so a new grid, on every run; only the widths outlive it.
 */

/** One key per column: its name, with `#2`, `#3`… for repeats (`SELECT a, a`), so each keeps its own width. */
export function columnKeys(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  });
}

/**
 * Enough for every tab a user keeps open; past it the least recently used scope goes (a closed tab's widths
 * are never read again and age out this way).
 */
const MAX_SCOPES = 200;

export class ColumnWidthMemory {
  private readonly scopes = new Map<string, Map<string, number>>();

  constructor(private readonly maxScopes = MAX_SCOPES) {}

  /**
   * The widths to draw `keys` with: the user's width for a column they resized, else the measured one. Widths of
   * columns that are gone are forgotten, so a column that comes back later starts measured again.
   */
  restore(scope: string, keys: readonly string[], measured: readonly number[]): number[] {
    const remembered = this.scopes.get(scope);
    if (!remembered) return [...measured];
    const present = new Set(keys);
    for (const key of [...remembered.keys()]) if (!present.has(key)) remembered.delete(key);
    if (remembered.size === 0) this.scopes.delete(scope);
    else this.touch(scope, remembered);
    return keys.map((key, i) => remembered.get(key) ?? measured[i]!);
  }

  /** Records a width the user chose for one column. */
  remember(scope: string, key: string, width: number): void {
    const remembered = this.scopes.get(scope) ?? new Map<string, number>();
    remembered.set(key, width);
    this.touch(scope, remembered);
    while (this.scopes.size > this.maxScopes) this.scopes.delete(this.scopes.keys().next().value!);
  }

  private touch(scope: string, remembered: Map<string, number>): void {
    this.scopes.delete(scope);
    this.scopes.set(scope, remembered);
  }
}

/** The scope of a result's grid: its tab and the statement's 1-based position in the batch. */
export function scopeOf(tabId: string, statementIndex: number): string {
  return `${tabId}\u0000${statementIndex}`;
}

/** The app's one memory (renderer lifetime, like the grid's other view state). */
export const columnWidthMemory = new ColumnWidthMemory();
