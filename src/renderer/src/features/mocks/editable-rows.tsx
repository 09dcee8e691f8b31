import type { ReactNode } from 'react';
import { moveItem, removeItem, replaceItem } from '../../stores/mock-edits-form';
import { IconChevronDown, IconPlus, IconTrash } from '../../components/icons';

export interface EditableRowsProps<T> {
  items: readonly T[];
  onChange(items: T[]): void;
  /** The row's own fields; `set` replaces this row's item. */
  renderRow(item: T, index: number, set: (item: T) => void): ReactNode;
  /** The item the add button appends. */
  newItem(items: readonly T[]): T;
  /** What one row is, for the buttons' labels ("header", "rule"…). */
  noun: string;
  /** Names a row in the remove button's label (`Remove header X-Id`); its number when absent. */
  rowName?(item: T, index: number): string;
  /** Column titles shown above the rows when there are any (cells of a grid the rows' fields share). */
  header?: ReactNode;
  /** Whether rows can be moved up and down (false where order means nothing to the server). */
  movable?: boolean;
  className?: string;
  rowClassName?: string;
  'data-testid'?: string;
}

/**
 * A list the form edits row by row (response headers, rules, REST resources): each row's fields, then move
 * up/down and remove; an add button below. One component so every list in the mock form behaves the same.
 */
export function EditableRows<T>({
  items,
  onChange,
  renderRow,
  newItem,
  noun,
  rowName,
  header,
  movable = true,
  className = '',
  rowClassName = '',
  ...rest
}: EditableRowsProps<T>) {
  const name = (item: T, index: number) => rowName?.(item, index) || String(index + 1);
  return (
    <div className={`mock-rows ${className}`} data-testid={rest['data-testid']}>
      {header && items.length > 0 && (
        <div className={`mock-row mock-rows-head ${rowClassName}`} aria-hidden="true">
          {header}
          {/* over the row's buttons */}
          {(movable ? [0, 1, 2] : [0]).map((i) => (
            <span key={i} />
          ))}
        </div>
      )}
      {items.map((item, index) => (
        <div className={`mock-row ${rowClassName}`} key={index} data-testid="mock-row">
          {renderRow(item, index, (next) => onChange(replaceItem(items, index, next)))}
          {movable && (
            <>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${noun} ${name(item, index)} up`}
                title="Move up"
                disabled={index === 0}
                onClick={() => onChange(moveItem(items, index, -1))}
              >
                <IconChevronDown className="icon mock-flip" />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${noun} ${name(item, index)} down`}
                title="Move down"
                disabled={index === items.length - 1}
                onClick={() => onChange(moveItem(items, index, 1))}
              >
                <IconChevronDown />
              </button>
            </>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${noun} ${name(item, index)}`}
            title={`Remove this ${noun}`}
            onClick={() => onChange(removeItem(items, index))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        aria-label={`Add a ${noun}`}
        onClick={() => onChange([...items, newItem(items)])}
      >
        <IconPlus /> {noun[0]!.toUpperCase() + noun.slice(1)}
      </button>
    </div>
  );
}
