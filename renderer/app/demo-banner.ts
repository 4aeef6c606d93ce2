// The banner rule of docs/configuration.md ("Demo mode"): the DEMO banner shows when either part of
// the kiosk is not real, the signing keys (certificates no verifier trusts) or the records (invented
// people). The banner's text covers both; the two facts come from getInfo.
import type { KioskInfo } from '../../core/api/kiosk-api';

/** Whether the screens carry the DEMO banner. */
export const showsDemoBanner = (info: Pick<KioskInfo, 'demoSigner' | 'simulatedRecords'>): boolean =>
  info.demoSigner || info.simulatedRecords;
