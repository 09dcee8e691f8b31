/**
 * DBML text ↔ design. Reading goes through @dbml/core's current compiler (`dbmlv2`: every problem with its place,
 * `checks` blocks); writing is ours (dbml-format.ts). docs/designs.md holds the mapping.
 */
import { Parser } from '@dbml/core';
import type { DbmlProblem } from '../../../shared/contract/designer.contract';
import type { Engine } from '../../../shared/domain';
import { Design } from '../../../shared/design';
import { AppError } from '../../../shared/errors';
import { databaseToDesign } from './dbml-to-design';

export { formatDbml } from './dbml-format';
export { databaseToDesign } from './dbml-to-design';

/**
 * DBML text → design of the dialect its `Project { database_type }` names (else `dialect`), or the problems that
 * stop it, each with its 1-based line and column, in source order.
 */
export function parseDbml(text: string, dialect: Engine): { design: Design | null; problems: DbmlProblem[] } {
  const key = `${dialect}\u0000${text}`;
  const known = recent.get(key);
  if (known) {
    // most recently used last; a copy, so a caller that changes its design cannot change the next one's
    recent.delete(key);
    recent.set(key, known);
    return structuredClone(known);
  }
  const result = parseUncached(text, dialect);
  remember(key, result);
  return structuredClone(result);
}

/**
 * Tells the parse memo what `text` reads as, without parsing it: the design files call this with the text they
 * just wrote from `design` (`parseDbml(formatDbml(d))` equals `d`, dbml.test.ts), so the reload that follows the
 * app's own save does not parse it again.
 */
export function rememberDbml(text: string, dialect: Engine, design: Design): void {
  remember(`${dialect}\u0000${text}`, { design: structuredClone(design), problems: [] });
}

function remember(key: string, result: { design: Design | null; problems: DbmlProblem[] }): void {
  if (recent.delete(key)) recentChars -= key.length;
  recent.set(key, result);
  recentChars += key.length;
  for (const [old] of recent) {
    if (recent.size <= RECENT_MAX_ENTRIES && recentChars <= RECENT_MAX_CHARS) break;
    recent.delete(old);
    recentChars -= old.length;
  }
}

/**
 * The last texts parsed, with their results: @dbml/core's compiler takes seconds on a design of hundreds of tables,
 * and the same file is parsed again by every `designer.list` and by each re-open.
 */
const recent = new Map<string, { design: Design | null; problems: DbmlProblem[] }>();
let recentChars = 0;
const RECENT_MAX_ENTRIES = 32;
const RECENT_MAX_CHARS = 32 * 1024 * 1024;

function parseUncached(text: string, dialect: Engine): { design: Design | null; problems: DbmlProblem[] } {
  let design: Design;
  try {
    design = databaseToDesign(Parser.parse(text, 'dbmlv2'), dialect, text);
  } catch (error) {
    return { design: null, problems: problemsOf(error) };
  }
  const checked = Design.safeParse(design);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return {
      design: null,
      problems: [{ line: 1, column: 1, message: `${issue.path.join('.')}: ${issue.message}` }],
    };
  }
  return { design: checked.data, problems: [] };
}

/** parseDbml for callers that want the design or an INVALID_INPUT naming the first problem's place. */
export function readDbml(text: string, dialect: Engine, source = 'The DBML'): Design {
  const { design, problems } = parseDbml(text, dialect);
  if (design) return design;
  const first = problems[0]!;
  throw new AppError(
    'INVALID_INPUT',
    `${source} does not parse: line ${first.line}, column ${first.column}: ${first.message}`,
    { line: first.line, column: first.column, problems },
  );
}

interface Diagnostic {
  message?: unknown;
  location?: { start?: { line?: number; column?: number } };
}

function problemsOf(error: unknown): DbmlProblem[] {
  const diags = (error as { diags?: Diagnostic[] } | null)?.diags;
  const list: Diagnostic[] = Array.isArray(diags) && diags.length > 0 ? diags : [error as Diagnostic];
  const problems = list.map((diag) => ({
    line: Math.max(1, diag.location?.start?.line ?? 1),
    column: Math.max(1, diag.location?.start?.column ?? 1),
    message: typeof diag.message === 'string' && diag.message !== '' ? diag.message : String(diag),
  }));
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
