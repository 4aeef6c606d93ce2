// The words of the result screen's "accepted until" line (components/AcceptedUntil.tsx), kept free
// of React and the DOM so tests can check them in every language. docs/business-rules.md.
import type { TFunction } from 'i18next';
import type { CertificateAcceptance } from '../../core/api/kiosk-api';
import { formatIsoDate } from './entry-format';

export interface AcceptanceLine {
  readonly label: string;
  readonly value: string;
  /** Set when fewer than rules.minAcceptedDays remain. */
  readonly warning?: string;
}

/** The country's name in the reader's language ("Deutschland", "ألمانيا"); the code if unknown. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** null when the line would only repeat "valid until" and time is ample. */
export function acceptanceLine(acceptance: CertificateAcceptance, t: TFunction, locale: string): AcceptanceLine | null {
  if (!acceptance.differsFromValidUntil && !acceptance.warning) return null;
  return {
    label: t('result.acceptedUntil', { country: countryName(acceptance.country, locale) }),
    value: `${formatIsoDate(acceptance.acceptedUntil, locale)} (${t(`result.acceptedBasis_${acceptance.basis}`)})`,
    ...(acceptance.warning ? { warning: t('result.acceptedSoon') } : {}),
  };
}
