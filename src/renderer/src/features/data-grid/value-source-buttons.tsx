import { useRef, type ChangeEvent } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { bytesToBase64 } from './binary-value';
import type { EditorKind } from './cell-input';

export interface ValueSourceButtonsProps {
  column: DataColumn;
  kind: EditorKind;
  /** The foreign-key picker is open. */
  picking: boolean;
  onTogglePicker(): void;
  /** A file was read for a binary column: its bytes as the value. */
  onFile(value: CellInput): void;
}

/**
 * Where a value can come from besides typing, shared by the inline cell editor and the row form: "Choose…" (the
 * referenced rows of a foreign key) and "File…" (a binary column's bytes read in the page).
 */
export function ValueSourceButtons({ column, kind, picking, onTogglePicker, onFile }: ValueSourceButtonsProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // cleared so that choosing the same file again still reads it
    event.target.value = '';
    if (file) onFile({ $base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
  };
  return (
    <>
      {column.references && (
        <button
          type="button"
          className="button button-small"
          aria-label={`Choose ${column.name} from ${column.references.table}`}
          aria-expanded={picking}
          onClick={onTogglePicker}
        >
          Choose…
        </button>
      )}
      {kind === 'binary' && (
        <>
          <button
            type="button"
            className="button button-small"
            aria-label={`Load ${column.name} from a file`}
            onClick={() => fileRef.current?.click()}
          >
            File…
          </button>
          <input ref={fileRef} type="file" hidden aria-hidden onChange={(e) => void readFile(e)} />
        </>
      )}
    </>
  );
}
