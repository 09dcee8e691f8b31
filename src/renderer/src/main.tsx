import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/app-shell';
import { bootstrap } from './app/bootstrap';
import { useAppStore } from './stores/app-store';
import './app/theme.css';
import './components/components.css';

// set the theme before the first paint so a light-theme user never sees a dark flash
document.documentElement.dataset.theme = useAppStore.getState().theme;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);

bootstrap().catch((error: unknown) => useAppStore.getState().notifyError('Backbench could not start', error));
