import type { ImportPreview } from '../../../../shared/contract/transfer.contract';
import { previewText, type FieldMapping, type TargetColumn } from './import-plan';

/** Rows of the preview shown (the rest were read only to infer the types). */
const SHOWN_ROWS = 8;

export interface ImportPreviewTableProps {
  preview: ImportPreview;
  mode: 'existing' | 'new';
  /** The target table's columns (existing mode). */
  columns: TargetColumn[];
  mapping: FieldMapping;
  onMap(field: string, column: string | null): void;
  /** New mode: each field's column type, and the ones that are not valid. */
  columnTypes: Record<string, string>;
  typeProblems: Record<string, string>;
  onType(field: string, type: string): void;
  disabled: boolean;
}

/**
 * The file's first rows under its fields, each with the kind the preview inferred; below each field where it
 * goes: the target column (or skipped) for an existing table, the column type for a new one. Values as text.
 */
export function ImportPreviewTable(props: ImportPreviewTableProps) {
  const { preview, mode, columns, mapping, columnTypes, typeProblems, disabled } = props;
  const rows = preview.rows.slice(0, SHOWN_ROWS);
  const more = preview.rows.length - rows.length;
  return (
    <div className="import-preview">
      <div className="import-preview-scroll">
        <table className="import-table" data-testid="import-preview">
          <thead>
            <tr>
              <th className="import-line-head" scope="col" title="Line in the file">
                line
              </th>
              {preview.columns.map((c) => (
                <th key={c.name} scope="col" data-testid="import-field" data-field={c.name}>
                  <span className="import-field-name">{c.name}</span>{' '}
                  <span className="badge import-kind" title="Kind inferred from the first rows">
                    {c.kind ?? 'null'}
                  </span>
                </th>
              ))}
            </tr>
            <tr className="import-target-row">
              <th scope="row" className="import-line-head">
                {mode === 'existing' ? 'to' : 'type'}
              </th>
              {preview.columns.map((c) => (
                <th key={c.name}>
                  {mode === 'existing' ? (
                    <select
                      className="select import-map"
                      aria-label={`Column for field ${c.name}`}
                      value={mapping[c.name] ?? ''}
                      disabled={disabled}
                      onChange={(e) => props.onMap(c.name, e.target.value || null)}
                      data-testid="import-map"
                      data-field={c.name}
                    >
                      <option value="">— skip —</option>
                      {columns.length === 0 && mapping[c.name] && (
                        <option value={mapping[c.name]!}>{mapping[c.name]}</option>
                      )}
                      {columns.map((col) => (
                        <option key={col.name} value={col.name}>
                          {col.name}
                          {col.dataType ? ` (${col.dataType.toLowerCase()})` : ''}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      className="input input-mono import-type"
                      aria-label={`Column type of ${c.name}`}
                      aria-invalid={typeProblems[c.name] ? true : undefined}
                      title={typeProblems[c.name] ? `Expected ${typeProblems[c.name]}` : undefined}
                      value={columnTypes[c.name] ?? ''}
                      disabled={disabled}
                      spellCheck={false}
                      onChange={(e) => props.onType(c.name, e.target.value)}
                      data-testid="import-type"
                      data-field={c.name}
                    />
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td className="import-line">{preview.lines[i]}</td>
                {preview.columns.map((c, j) => {
                  const value = row[j];
                  const skipped = mode === 'existing' && !mapping[c.name];
                  return (
                    <td key={c.name} className={skipped ? 'is-skipped' : undefined}>
                      {value === null || value === undefined ? (
                        <span className="import-null">NULL</span>
                      ) : (
                        previewText(value)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="import-note">
        {rows.length === 0
          ? 'The file has no rows after its header.'
          : preview.complete && more <= 0
            ? `The whole file: ${rows.length} row${rows.length === 1 ? '' : 's'}.`
            : `The first ${rows.length} rows${preview.complete ? ` of ${preview.rows.length}` : ''}. Every row is checked against its column's type before anything is written.`}
        {mode === 'new' &&
          ' Types come from the first rows; the import reads the whole file, so a later value can widen one you leave as it is.'}
      </p>
    </div>
  );
}
