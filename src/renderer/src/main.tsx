import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/app-shell';
import { bootstrap } from './app/bootstrap';
import { SignedOutScreen } from './app/signed-out-screen';
import { onSignedOut, prepareAccess } from './rpc/client';
import { useAppStore } from './stores/app-store';
import './app/theme.css';
import './components/components.css';

// set the theme before the first paint so a light-theme user never sees a dark flash
document.documentElement.dataset.theme = useAppStore.getState().theme;

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
  bootstrap().catch((error: unknown) => useAppStore.getState().notifyError('Backbench could not start', error));
});
