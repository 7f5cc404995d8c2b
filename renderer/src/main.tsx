import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findApi } from './api.js';
import { App } from './components/App.js';
import { createStores, StoresProvider } from './stores/stores.js';
import { strings } from './strings.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);
const api = findApi();

if (!api) {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <main>
        <MessageBar intent="error">
          <MessageBarBody>{strings.errors.noBridge}</MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>,
  );
} else {
  const stores = createStores(api);
  root.render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
  // An unfinished run is looked for before anything else, so its dialog comes first.
  void stores.recovery
    .getState()
    .load()
    .then(() => stores.checklist.getState().init());
}
