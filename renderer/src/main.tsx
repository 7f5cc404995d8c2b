import { FluentProvider } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { findApi } from './api.js';
import { App } from './components/App.js';
import { NoticeBar } from './components/NoticeBar.js';
import { createStores, StoresProvider } from './stores/stores.js';
import { strings } from './strings.js';
import { STYLESHEET_THEME } from './theme/stylesheet-theme.js';
import 'virtual:fluent-theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);
const api = findApi();

if (!api) {
  root.render(
    <FluentProvider theme={STYLESHEET_THEME}>
      <main>
        <NoticeBar notice={{ intent: 'error', text: strings.errors.noBridge }} />
      </main>
    </FluentProvider>,
  );
} else {
  const stores = createStores(api);
  // Rendered in this task rather than a scheduled one, so the start screen is usable as soon as the code is.
  flushSync(() =>
    root.render(
      <StrictMode>
        <StoresProvider stores={stores}>
          <App />
        </StoresProvider>
      </StrictMode>,
    ),
  );
  // An unfinished run is looked for before anything else, so its dialog comes first.
  void stores.recovery
    .getState()
    .load()
    .then(() => stores.checklist.getState().init());
}
