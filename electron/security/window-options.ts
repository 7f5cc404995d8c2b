/*
 * The app window's options. Plain data so the security-relevant switches are tested without Electron;
 * main passes them to BrowserWindow as they are.
 */

export const MIN_WINDOW_WIDTH = 800;
export const MIN_WINDOW_HEIGHT = 600;

/** `packaged`: the installed app, where DevTools are off (a development build keeps them, for debugging). */
export function appWindowOptions(preloadPath: string, packaged = true) {
  return {
    width: 1100,
    height: 780,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    title: 'RDP Repair',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !packaged,
      safeDialogs: true,
      // Middle-click would otherwise open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  } as const;
}
