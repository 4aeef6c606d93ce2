// The kiosk window's options (Electron security checklist items 2–4, 6, 8–10, and the kiosk
// requirement that a citizen cannot leave the app): full-screen kiosk mode, no menu, and
// webPreferences that keep Node.js, Electron APIs and DevTools away from web content. Pure: it
// returns options; electron/main/main.ts constructs the BrowserWindow.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowOptionsInput {
  /** Absolute path of the bundled preload (…/.vite/build/preload.cjs). */
  readonly preloadPath: string;
  /** app.isPackaged: DevTools exist only in development builds. */
  readonly isProduction: boolean;
  /** Development only: a normal window instead of kiosk mode (KIOSK_WINDOWED=1). Ignored in production. */
  readonly windowed?: boolean;
}

export function createKioskWindowOptions(opts: KioskWindowOptionsInput): BrowserWindowConstructorOptions {
  const kiosk = opts.isProduction || !opts.windowed;
  return {
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    title: 'Genesenenzertifikat',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      devTools: !opts.isProduction,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'document-user-activation-required',
    },
  };
}
