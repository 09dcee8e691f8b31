import { IconCheck, IconClose, IconInfo, IconWarning } from '../components/icons';
import { useNotifications } from '../stores/app-stores';

/** Notifications in the bottom-right corner; errors show their ErrorCode and stay until dismissed. */
export function ToastArea() {
  const toasts = useNotifications((s) => s.toasts);
  const dismiss = useNotifications((s) => s.dismiss);
  return (
    <div className="toast-area" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span className="toast-icon">
            {toast.kind === 'error' ? <IconWarning /> : toast.kind === 'success' ? <IconCheck /> : <IconInfo />}
          </span>
          <div className="toast-body">
            <div className="toast-title">{toast.title}</div>
            <div className="toast-message">
              {toast.code && <code className="error-code">{toast.code}</code>} {toast.message}
            </div>
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            <IconClose />
          </button>
        </div>
      ))}
    </div>
  );
}
