// Renderer entry: styles (KERN UX + bundled fonts + kiosk scale), translations, the
// bridge (the Electron preload's, or HTTP in a browser), then React. The kiosk's info is asked
// for first of all (early-info.ts: its import comes first, so it runs before the rest). When it
// has answered by the time React starts — the usual case — the first render is the welcome
// screen in the kiosk's default language; otherwise Boot shows its notice until it answers.
import { earlyInfo } from './early-info';
import '@kern-ux/native/dist/kern.min.css';
import './styles/fonts.css';
import './styles/kiosk.css';
import './styles/screens.css';
import { createRoot } from 'react-dom/client';
import type { KioskInfo } from '../core/api/kiosk-api';
import { Boot, startLanguage } from './app/Boot';
import { setupI18n } from './i18n/setup';
import { kioskBridge } from './kiosk-bridge';

/** How long the first render waits for getInfo before the start-up notice is shown instead. */
const READY_WAIT_MS = 300;

async function readyInfo(): Promise<KioskInfo | undefined> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, READY_WAIT_MS));
  const answered = earlyInfo.then((r) => (r.ok ? r.value : undefined));
  const info = await Promise.race([answered, timeout]);
  if (info) await startLanguage(info);
  return info;
}

async function main(): Promise<void> {
  document.documentElement.dataset.kernTheme = 'light';
  await setupI18n('de');
  const info = await readyInfo();
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<Boot bridge={kioskBridge()} firstInfo={earlyInfo} readyInfo={info} />);
}

void main();
