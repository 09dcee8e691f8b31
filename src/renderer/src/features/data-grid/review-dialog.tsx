import type { ReviewedStatement } from '../../../../shared/contract/data.contract';
import { ModalDialog } from '../../components/modal-dialog';
import { copyText } from '../results/clipboard';
import { binaryParamText } from './binary-value';

function paramText(param: ReviewedStatement['params'][number]): string {
  if (param === null) return 'NULL';
  if (typeof param === 'string') return `'${param}'`;
  if (typeof param === 'object') return binaryParamText(param.$base64);
  return String(param);
}

/** The statements Apply would run, with their parameters, before running them. */
export function ReviewDialog({
  statements,
  applying,
  onApply,
  onClose,
}: {
  statements: ReviewedStatement[];
  applying: boolean;
  onApply(): void;
  onClose(): void;
}) {
  const script = statements
    .map((s) => (s.params.length ? `${s.sql};\n-- params: ${s.params.map(paramText).join(', ')}` : `${s.sql};`))
    .join('\n');
  return (
    <ModalDialog
      title={`Review SQL · ${statements.length === 1 ? '1 statement' : `${statements.length} statements`}`}
      onClose={onClose}
      width={760}
      data-testid="review-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={() => void copyText(script)}>
            Copy
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button button-primary" onClick={onApply} disabled={applying} data-autofocus>
            {applying ? 'Applying…' : 'Apply in one transaction'}
          </button>
        </>
      }
    >
      <p className="review-note">
        These run in one transaction: if one fails, none is applied. Values are bound as parameters, never pasted into
        the SQL.
      </p>
      <ol className="review-list">
        {statements.map((statement, i) => (
          <li key={i} className="review-statement" data-testid="review-statement">
            <pre className="review-sql">{statement.sql}</pre>
            {statement.params.length > 0 && (
              <div className="review-params">
                {statement.params.map((param, j) => (
                  <span key={j} className="review-param">
                    <span className="review-param-index">${j + 1}</span> {paramText(param)}
                  </span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </ModalDialog>
  );
}
