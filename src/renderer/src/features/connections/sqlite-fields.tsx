import { IconFolderOpen } from '../../components/icons';
import { sqliteFileHint } from './connection-form';
import { controlProps, FieldRow, type FieldsProps } from './form-field';

export interface SqliteFieldsProps extends FieldsProps {
  isSample: boolean;
  workspaceDir: string | null;
  /** Set when the desktop app can show a native file dialog. */
  onBrowse?: () => void;
  /** The server said the file is missing: point at the checkbox that creates it. */
  fileMissing: boolean;
}

/** The SQLite part of the connection dialog: the database file, "create" and "read-only". */
export function SqliteFields({
  form,
  errors,
  update,
  fieldId,
  isSample,
  workspaceDir,
  onBrowse,
  fileMissing,
}: SqliteFieldsProps) {
  return (
    <>
      <FieldRow
        name="file"
        label="Database file"
        fieldId={fieldId}
        error={errors.file}
        hint={
          isSample
            ? 'The sample database lives in the data folder and cannot be moved.'
            : sqliteFileHint(form, workspaceDir)
        }
      >
        <div className="input-with-button">
          <input
            {...controlProps('file', fieldId, errors)}
            className="input input-mono"
            value={form.file}
            placeholder="/path/to/database.sqlite"
            onChange={(e) => update('file', e.target.value)}
            disabled={isSample}
            spellCheck={false}
          />
          {onBrowse && !isSample && (
            <button type="button" className="button" onClick={onBrowse}>
              <IconFolderOpen /> Browse…
            </button>
          )}
        </div>
      </FieldRow>
      <div className="checkbox-row">
        <label>
          <input
            type="checkbox"
            checked={form.create}
            disabled={isSample}
            onChange={(e) => update('create', e.target.checked)}
          />
          Create a new file if it does not exist
        </label>
      </div>
      {fileMissing && (
        <div className="field-hint" role="note" data-testid="create-file-hint">
          Tick “Create a new file if it does not exist” to create it there (its folder must exist).
        </div>
      )}
    </>
  );
}
