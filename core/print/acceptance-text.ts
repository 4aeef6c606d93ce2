// The printed "accepted until" line (docs/business-rules.md): when the active business rules end
// acceptance in the acceptance country before `du` (Germany's 90-day rule against a 180-day
// certificate), or fewer than rules.minAcceptedDays remain, receipt and A4 say so in German and
// English — next to "valid until", in the same ISO date format, so the two can be compared.
import type { CertificateAcceptance } from '../rules/certificate-acceptance';

const BASIS = {
  national: { de: 'nationale Regel', en: 'national rule' },
  eu: { de: 'EU-Regel', en: 'EU rule' },
  expiry: { de: 'Ablauf der Signatur', en: 'signature expires' },
} as const;

const countryName = (code: string, lang: 'de' | 'en'): string => {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

export interface AcceptanceText {
  readonly labelDe: string;
  readonly labelEn: string;
  readonly date: string;
  readonly basisDe: string;
  readonly basisEn: string;
  /** Set when fewer than rules.minAcceptedDays remain. */
  readonly warningDe?: string;
  readonly warningEn?: string;
}

/** undefined when there is nothing to add to "valid until" (accepted exactly until du, days enough). */
export function acceptanceText(a: CertificateAcceptance | undefined): AcceptanceText | undefined {
  if (!a || (!a.differsFromValidUntil && !a.warning)) return undefined;
  return {
    labelDe: `In ${countryName(a.country, 'de')} anerkannt bis`,
    labelEn: `In ${countryName(a.country, 'en')} accepted until`,
    date: a.acceptedUntil,
    basisDe: BASIS[a.basis].de,
    basisEn: BASIS[a.basis].en,
    ...(a.warning
      ? { warningDe: 'Achtung: nur noch kurze Zeit anerkannt.', warningEn: 'Note: accepted for a short time only.' }
      : {}),
  };
}

/** One sentence per language: `In Deutschland anerkannt bis 2022-04-01 (nationale Regel)`. */
export function acceptanceSentences(t: AcceptanceText): [string, string] {
  return [
    `${t.labelDe} ${t.date} (${t.basisDe})${t.warningDe ? ` – ${t.warningDe}` : ''}`,
    `${t.labelEn} ${t.date} (${t.basisEn})${t.warningEn ? ` – ${t.warningEn}` : ''}`,
  ];
}
