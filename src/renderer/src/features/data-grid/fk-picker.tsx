import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { Spinner } from '../../components/spinner';
import { toErrorShape } from '../../rpc/error-shape';
import { stores, useSchema } from '../../stores/app-stores';
import type { LookupOption } from '../../stores/data.store';
import { lookupLabelColumns } from './row-form.model';

/** How long typing pauses before the picker searches. */
const SEARCH_DEBOUNCE_MS = 250;

export interface FkPickerProps {
  tabId: string;
  connectionId: string;
  /** A column with `references`. */
  column: DataColumn;
  /** The key the field holds now (marked in the list). */
  current: unknown;
  onPick(key: CellInput): void;
  onClose(): void;
}

const keyText = (key: unknown) => (key === null || key === undefined ? 'NULL' : String(key));

/**
 * A searchable list of the rows a foreign-key column may point at (data.lookup): key and label, typing
 * searches (debounced), ↑/↓ move, Enter picks, Escape closes.
 */
export function FkPicker({ tabId, connectionId, column, current, onPick, onClose }: FkPickerProps) {
  const ref = column.references!;
  const keyColumn = ref.columns[0]!;
  const tree = useSchema((s) => s.schemaByConnection[connectionId]);
  // the label comes from the referenced table's columns, when the schema tree knows them
  const labelColumns = useMemo(() => {
    const table = tree?.schemas
      .filter((s) => ref.schema === null || s.name === ref.schema)
      .flatMap((s) => s.tables)
      .find((t) => t.name === ref.table);
    return table ? lookupLabelColumns(table.columns, keyColumn) : [];
  }, [tree, ref.schema, ref.table, keyColumn]);
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<LookupOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const labelKey = labelColumns.join('\u0000');

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(
      () => {
        stores.data
          .getState()
          .lookup(tabId, column.name, search, labelKey ? labelKey.split('\u0000') : [])
          .then((rows) => {
            if (stale) return;
            setOptions(rows);
            setError(null);
            setActive(
              Math.max(
                0,
                rows.findIndex((o) => keyText(o.key) === keyText(current)),
              ),
            );
          })
          .catch((e: unknown) => {
            if (!stale) setError(toErrorShape(e).message);
          });
      },
      options === null ? 0 : SEARCH_DEBOUNCE_MS,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // `options` and `current` only shape the first call and the start position; they must not re-run the search
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tabId, column.name, search, labelKey]);

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    const count = options?.length ?? 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count) setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      const option = options?.[active];
      if (option) onPick(option.key);
    } else if (event.key === 'Escape') {
      // closes the picker only, not the dialog or editor around it
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="fk-picker" data-testid="fk-picker" onKeyDown={onKeyDown}>
      <div className="fk-picker-head">
        <span className="fk-picker-title">
          {ref.table}.{keyColumn}
          {labelColumns.length > 0 && <span className="muted"> · {labelColumns.join(', ')}</span>}
        </span>
        {options === null && !error && <Spinner label="Looking up rows" />}
      </div>
      <input
        className="fk-picker-search"
        value={search}
        autoFocus
        spellCheck={false}
        placeholder={`Search ${ref.table}`}
        role="combobox"
        aria-label={`Search ${ref.table}`}
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={options?.length ? `${listId}-${active}` : undefined}
        onChange={(e) => setSearch(e.target.value)}
      />
      {error && (
        <div className="cell-editor-error" role="alert">
          {error}
        </div>
      )}
      <ul className="fk-picker-list" role="listbox" id={listId} ref={listRef} aria-label={`Rows of ${ref.table}`}>
        {options?.map((option, i) => (
          <li
            key={`${i}:${keyText(option.key)}`}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === active}
            className={keyText(option.key) === keyText(current) ? 'is-current' : undefined}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(option.key)}
          >
            <span className="fk-picker-key">{keyText(option.key)}</span>
            <span className="fk-picker-label">{option.label}</span>
          </li>
        ))}
        {options?.length === 0 && <li className="fk-picker-none">No rows of {ref.table} match.</li>}
      </ul>
      {options && options.length >= 50 && <div className="fk-picker-more muted">First 50 rows · type to narrow</div>}
    </div>
  );
}
