import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerAppCommands, registerPanelCommands } from './app/app.feature';
import { AppShell } from './app/app-shell';
import { appRegistry } from './app/app-registry';
import { bootstrap } from './app/bootstrap';
import { SignedOutScreen } from './app/signed-out-screen';
import { registerDataGrid } from './features/data-grid/data-grid.feature';
import { registerDesigner } from './features/designer/designer.feature';
import { registerHistory } from './features/history/history.feature';
import { registerHttp } from './features/http/http.feature';
import { registerMocks } from './features/mocks/mocks.feature';
import { registerQueryEditor } from './features/query-editor/query-editor.feature';
import { registerResults } from './features/results/results.feature';
import { registerSchemaBrowser } from './features/schema-browser/schema-browser.feature';
import { onSignedOut, prepareAccess } from './rpc/client';
import { stores } from './stores/app-stores';
import './app/theme.css';
import './components/components.css';

// set the theme before the first paint so a light-theme user never sees a dark flash
document.documentElement.dataset.theme = stores.ui.getState().theme;

// features plug their tab kinds, panels and commands in before anything renders or restores tabs
registerAppCommands(appRegistry, stores);
registerQueryEditor(appRegistry, stores);
registerResults(appRegistry);
registerDataGrid(appRegistry, stores);
registerSchemaBrowser(appRegistry, stores);
registerHistory(appRegistry);
registerMocks(appRegistry, stores);
registerHttp(appRegistry, stores);
registerDesigner(appRegistry, stores);
registerPanelCommands(appRegistry, stores);

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
const root = createRoot(element);

// a browser tab signs in first (start link, kept session, or another tab); without a session it says how to get one
void prepareAccess().then((access) => {
  if (!access.signedIn) {
    root.render(<SignedOutScreen reason={access.reason} />);
    return;
  }
  onSignedOut(() => root.render(<SignedOutScreen reason="expired" />));
  root.render(
    <StrictMode>
      <AppShell />
    </StrictMode>,
  );
  bootstrap(stores).catch((error: unknown) =>
    stores.notifications.getState().notifyError('Backbench could not start', error),
  );
});
