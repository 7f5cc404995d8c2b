import { describe, expect, it } from 'vitest';
import { appWindowOptions } from './window-options.js';

describe('appWindowOptions', () => {
  const options = appWindowOptions('/app/dist/electron/preload.cjs');

  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('turns DevTools off in the packaged app and keeps them in a development build', () => {
    expect(options.webPreferences.devTools).toBe(false);
    expect(appWindowOptions('/p', false).webPreferences.devTools).toBe(true);
  });

  it('keeps the window at least 800 by 600', () => {
    expect(options.minWidth).toBe(800);
    expect(options.minHeight).toBe(600);
    expect(options.width).toBeGreaterThanOrEqual(800);
    expect(options.height).toBeGreaterThanOrEqual(600);
  });
});
