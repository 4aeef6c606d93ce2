// Renderer entry: styles (KERN UX + bundled fonts + kiosk scale), translations, the
// bridge (the Electron preload's, or HTTP in a browser), then React. The kiosk's info is asked
// for first of all (early-info.ts: its import comes first, so it runs before the rest).
import { earlyInfo } from './early-info';
import '@kern-ux/native/dist/kern.min.css';
import './styles/fonts.css';
import './styles/kiosk.css';
import './styles/screens.css';
import { createRoot } from 'react-dom/client';
import { Boot } from './app/Boot';
import { setupI18n } from './i18n/setup';
import { kioskBridge } from './kiosk-bridge';

async function main(): Promise<void> {
  document.documentElement.dataset.kernTheme = 'light';
  await setupI18n('de');
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<Boot bridge={kioskBridge()} firstInfo={earlyInfo} />);
}

void main();
