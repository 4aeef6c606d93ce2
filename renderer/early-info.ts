// The first request of the renderer (docs/performance.md, "First screen"): the welcome screen
// cannot show before the kiosk's info (languages, ID example, demo flag) has arrived, so it is
// asked for while the rest of the bundle (React, translations, screens) is still being
// evaluated, not after React has mounted. main.tsx imports this module first so that its body
// runs first; Boot takes the answer for its first attempt (and asks again itself on failure).
import type { KioskInfo } from '../core/api/kiosk-api';
import type { Result } from '../core/result';
import { kioskBridge } from './kiosk-bridge';

export const earlyInfo: Promise<Result<KioskInfo>> = kioskBridge().getInfo({});
