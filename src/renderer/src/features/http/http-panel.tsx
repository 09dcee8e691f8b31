import { comboText } from '../../app/key-combos';
import { EmptyState } from '../../components/empty-state';
import { IconPlus } from '../../components/icons';
import { IconHttp } from './http-icon';
import { openHttpTab } from './open-http-tab';
import './http.css';

/** The HTTP panel: a new request (collections come with issue 8's next slice). */
export function HttpPanel() {
  return (
    <div className="http-panel" data-testid="http-panel">
      <EmptyState
        icon={<IconHttp size={28} />}
        title="HTTP requests"
        hint={`Build a request, send it and read the response. New request: ${comboText('Mod+Shift+H')}.`}
        action={
          <button
            type="button"
            className="button button-primary"
            data-testid="http-new-request"
            onClick={() => openHttpTab()}
          >
            <IconPlus /> New request
          </button>
        }
      />
    </div>
  );
}
