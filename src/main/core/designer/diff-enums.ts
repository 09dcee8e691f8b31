import type { SchemaChange } from '../../../shared/contract/designer.contract';
import { tableKey, type Design, type DesignEnum } from '../../../shared/design';
import type { MigrationOp } from './migrate-plan';

/** One enum change as the diff records it: the operations (a change the user reads, or none) and why it may lose data. */
export interface EnumChange {
  ops: MigrationOp[];
  change: Pick<SchemaChange, 'kind' | 'table' | 'item' | 'description'>;
  reason: string | null;
}

/**
 * What changes PostgreSQL enum types of `target` into those of `source`. Values only appended (anywhere in the
 * order) are `ALTER TYPE … ADD VALUE`; values removed, or the order changed, recreate the type (PostgreSQL cannot
 * drop or move a value in place): a check that no row holds a removed value runs first, the recreate after the
 * migration's drops. A value added and used in the same migration (a default or check naming it) also recreates
 * the type: PostgreSQL refuses a value added in the transaction that uses it.
 */
export function diffEnums(source: Design, target: Design): { changes: EnumChange[] } {
  const changes: EnumChange[] = [];
  const liveEnums = new Map(target.enums.map((e) => [tableKey(e), e]));
  const wantedEnums = new Map(source.enums.map((e) => [tableKey(e), e]));
  for (const [key, wanted] of wantedEnums) {
    const live = liveEnums.get(key);
    if (!live) {
      changes.push({
        ops: [{ kind: 'addEnum', enum: wanted }],
        change: { kind: 'addEnum', table: key, item: null, description: 'new enum' },
        reason: null,
      });
      continue;
    }
    if (live.values.join('\0') === wanted.values.join('\0')) continue;
    const added = wanted.values.filter((v) => !live.values.includes(v));
    const removed = live.values.filter((v) => !wanted.values.includes(v));
    const kept = wanted.values.filter((v) => live.values.includes(v));
    const reordered = kept.join('\0') !== live.values.filter((v) => wanted.values.includes(v)).join('\0');
    const words = [
      ...(added.length > 0 ? [`adds ${quoted(added)}`] : []),
      ...(removed.length > 0 ? [`removes ${quoted(removed)}`] : []),
      ...(reordered ? ['reorders values'] : []),
    ].join('; ');
    const appendOnly = removed.length === 0 && !reordered && !usesValues(source, added);
    if (appendOnly) {
      changes.push({
        ops: [{ kind: 'alterEnum', enum: wanted, added }],
        change: { kind: 'alterEnum', table: key, item: null, description: words },
        reason: null,
      });
      continue;
    }
    changes.push({
      ops: [
        ...(removed.length > 0 ? [{ kind: 'checkEnum' as const, enum: wanted, live }] : []),
        { kind: 'recreateEnum', enum: wanted, live },
      ],
      change: { kind: 'alterEnum', table: key, item: null, description: `${words} (the type is recreated)` },
      reason:
        removed.length > 0
          ? `removes ${quoted(removed)} from enum ${key}: rows holding them make the migration fail`
          : null,
    });
  }
  for (const [key, live] of liveEnums) {
    if (!wantedEnums.has(key)) {
      changes.push({
        ops: [{ kind: 'dropEnum', enum: live }],
        change: { kind: 'dropEnum', table: key, item: null, description: 'enum dropped' },
        reason: null,
      });
    }
  }
  return { changes };
}

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Whether a default or check of the design names one of `values` as a literal. */
function usesValues(design: Design, values: readonly string[]): boolean {
  if (values.length === 0) return false;
  const literals = values.map((v) => `'${v.replace(/'/g, "''")}'`);
  const texts = design.tables.flatMap((t) => [
    ...t.columns.map((c) => c.default ?? ''),
    ...t.checks.map((c) => c.expression),
  ]);
  return texts.some((text) => literals.some((l) => text.includes(l)));
}

/**
 * Whether a column of `table` has type `e` (or an array of it): named bare when the enum is in the table's schema,
 * or schema-qualified (as pull spells enum columns and ddl.ts resolves them).
 */
export function enumUse(type: string, e: DesignEnum, table: { schema: string | null }): 'plain' | 'array' | null {
  const refs = e.schema === table.schema ? [e.name] : [];
  if (e.schema !== null) refs.push(`${e.schema}.${e.name}`);
  if (refs.includes(type)) return 'plain';
  if (refs.some((r) => type === `${r}[]`)) return 'array';
  return null;
}
