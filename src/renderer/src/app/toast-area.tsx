import { IconCheck, IconClose, IconInfo, IconWarning } from '../components/icons';
import { useAppStore } from '../stores/app-store';

/** Notifications in the bottom-right corner; errors show their ErrorCode and stay until dismissed. */
export function ToastArea() {
  const toasts = useAppStore((s) => s.toasts);
  const dismissToast = useAppStore((s) => s.dismissToast);
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
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            <IconClose />
          </button>
        </div>
      ))}
    </div>
  );
}
