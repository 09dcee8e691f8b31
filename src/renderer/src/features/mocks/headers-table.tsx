import { EditableRows } from './editable-rows';

/** A response's headers as name/value rows (the file keeps them as a mapping, in this order). */
export function HeadersTable({
  headers,
  onChange,
}: {
  headers: Record<string, string> | undefined;
  onChange(headers: Record<string, string> | undefined): void;
}) {
  return (
    <EditableRows<[string, string]>
      items={Object.entries(headers ?? {})}
      onChange={(rows) => onChange(rows.length > 0 ? Object.fromEntries(rows) : undefined)}
      noun="header"
      rowName={([name]) => name}
      className="mock-headers"
      rowClassName="mock-header-row"
      newItem={(rows) => {
        let name = 'X-Header';
        for (let n = 2; rows.some(([k]) => k === name); n++) name = `X-Header-${n}`;
        return [name, ''];
      }}
      renderRow={([name, value], index, set) => (
        <>
          <input
            className="input input-mono"
            aria-label={`Header ${index + 1} name`}
            value={name}
            onChange={(e) => set([e.target.value, value])}
          />
          <input
            className="input input-mono"
            aria-label={`Header ${index + 1} value`}
            value={value}
            onChange={(e) => set([name, e.target.value])}
          />
        </>
      )}
    />
  );
}
