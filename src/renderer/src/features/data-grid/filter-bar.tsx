import { useState } from 'react';
import type { CellInput, ColumnFilter, DataColumn, FilterOp } from '../../../../shared/contract/data.contract';
import { IconClose, IconPlus } from '../../components/icons';
import { useConnections, useUi } from '../../stores/app-stores';
import { selectEngine } from '../../stores/connections.store';
import {
  editorKind,
  FILTER_OP_LABELS,
  filterOpsFor,
  inputText,
  operandsOf,
  parseFilterValue,
  type ParsedInput,
} from './cell-input';
import { WhereEditor } from './where-editor';

export interface FilterBarProps {
  /** The tab's connection: the WHERE box quotes and completes for its engine. */
  connectionId: string | null;
  columns: DataColumn[];
  filters: ColumnFilter[];
  where: string;
  onFilters(filters: ColumnFilter[]): void;
  onWhere(where: string): void;
}

function describeFilter(filter: ColumnFilter): string {
  const op = FILTER_OP_LABELS[filter.op];
  const show = (v: CellInput | undefined) => (typeof v === 'string' ? `'${v}'` : inputText(v ?? null) || 'NULL');
  switch (operandsOf(filter.op)) {
    case 'none':
      return `${filter.column} ${op}`;
    case 'two':
      return `${filter.column} between ${show(filter.values?.[0])} and ${show(filter.values?.[1])}`;
    case 'list':
      return `${filter.column} in (${(filter.values ?? []).map(show).join(', ')})`;
    default:
      return `${filter.column} ${op} ${show(filter.value)}`;
  }
}

/** Column filters (ANDed, type-aware operators) and the raw WHERE box; each change re-runs data.open. */
export function FilterBar({ connectionId, columns, filters, where, onFilters, onWhere }: FilterBarProps) {
  const [adding, setAdding] = useState(false);
  const dialect = useConnections((s) => selectEngine(s, connectionId));
  const theme = useUi((s) => s.theme);

  return (
    <div className="data-filters" data-testid="data-filters">
      {filters.map((filter, i) => (
        <span key={i} className="filter-chip" data-testid="filter-chip">
          <span>{describeFilter(filter)}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove filter ${describeFilter(filter)}`}
            onClick={() => onFilters(filters.filter((_, j) => j !== i))}
          >
            <IconClose size={12} />
          </button>
        </span>
      ))}
      {adding ? (
        <NewFilter
          columns={columns}
          onAdd={(filter) => {
            setAdding(false);
            onFilters([...filters, filter]);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => setAdding(true)}
          disabled={columns.length === 0}
        >
          <IconPlus size={12} /> Filter
        </button>
      )}
      <div className="where-form">
        <span className="where-label" aria-hidden="true">
          WHERE
        </span>
        <WhereEditor value={where} columns={columns} dialect={dialect} theme={theme} onRun={onWhere} />
      </div>
    </div>
  );
}

function NewFilter({
  columns,
  onAdd,
  onCancel,
}: {
  columns: DataColumn[];
  onAdd(filter: ColumnFilter): void;
  onCancel(): void;
}) {
  const [columnName, setColumnName] = useState(columns[0]?.name ?? '');
  const column = columns.find((c) => c.name === columnName) ?? columns[0]!;
  const kind = editorKind(column);
  const ops = filterOpsFor(kind);
  const [op, setOp] = useState<FilterOp>(ops[0]!);
  const effectiveOp = ops.includes(op) ? op : ops[0]!;
  const [text, setText] = useState('');
  const [text2, setText2] = useState('');
  const operands = operandsOf(effectiveOp);

  const parse = (): { ok: true; filter: ColumnFilter } | { ok: false; message: string } => {
    const one = (t: string): ParsedInput => parseFilterValue(kind, effectiveOp, t);
    if (operands === 'none') return { ok: true, filter: { column: column.name, op: effectiveOp } };
    if (operands === 'one') {
      const v = one(text);
      return v.ok ? { ok: true, filter: { column: column.name, op: effectiveOp, value: v.value } } : v;
    }
    const texts = operands === 'two' ? [text, text2] : text.split(',').map((t) => t.trim());
    const values: CellInput[] = [];
    for (const t of texts) {
      const v = one(t);
      if (!v.ok) return v;
      values.push(v.value);
    }
    if (operands === 'list' && texts.every((t) => t === ''))
      return { ok: false, message: 'Type one or more values, separated by commas.' };
    return { ok: true, filter: { column: column.name, op: effectiveOp, values } };
  };
  const result = parse();
  const touched = text !== '' || text2 !== '';

  return (
    <form
      className="new-filter"
      data-testid="new-filter"
      onSubmit={(e) => {
        e.preventDefault();
        if (result.ok) onAdd(result.filter);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <select aria-label="Filter column" value={column.name} onChange={(e) => setColumnName(e.target.value)} autoFocus>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter operator" value={effectiveOp} onChange={(e) => setOp(e.target.value as FilterOp)}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {FILTER_OP_LABELS[o]}
          </option>
        ))}
      </select>
      {operands !== 'none' && (
        <input
          aria-label="Filter value"
          value={text}
          placeholder={operands === 'list' ? 'a, b, c' : 'value'}
          aria-invalid={touched && !result.ok}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {operands === 'two' && (
        <>
          <span>and</span>
          <input
            aria-label="Second filter value"
            value={text2}
            aria-invalid={touched && !result.ok}
            onChange={(e) => setText2(e.target.value)}
          />
        </>
      )}
      <button type="submit" className="button button-small button-primary" disabled={!result.ok}>
        Add
      </button>
      <button type="button" className="button button-small" onClick={onCancel}>
        Cancel
      </button>
      {touched && !result.ok && (
        <span className="filter-error" role="alert">
          {result.message}
        </span>
      )}
    </form>
  );
}
