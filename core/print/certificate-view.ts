// What both print layouts show, derived from the decoded certificate only (both layouts
// take the data from the decoded HC1): nothing beyond the certificate's own fields is printed.
// Field list and German/English wording follow the official German paper certificate.
import countries from '../dcc/schema/valuesets/country-2-codes.json';
import { DISEASE_COVID19 } from '../dcc/payload';
import { recoveryView } from '../dcc/recovery-view';
import type { RecoveryPayload } from '../dcc/types';
import { de } from './texts/de';
import { en } from './texts/en';
import type { CertificateField, FieldLabels } from './texts/types';

/** The printed values, one per field (`standardisedName` is the ICAO form FNT<<GNT). */
export type CertificateView = Readonly<Record<CertificateField, string>>;

export const HEADINGS = {
  titleDe: 'EU-Genesenenzertifikat',
  titleEn: 'EU Digital COVID Certificate – Certificate of recovery',
  demoDe: 'DEMO – NICHT GÜLTIG',
  demoEn: 'DEMO – NOT VALID',
  foldDe: 'Hier falten',
  foldEn: 'Fold here',
} as const;

/** The German and the English label of a field (the two lines every layout prints). */
export const bilingualLabel = (field: keyof FieldLabels): { de: string; en: string } => ({
  de: de.labels[field],
  en: en.labels[field],
});

const COUNTRY_NAMES = (countries as { valueSetValues: Record<string, { display?: string }> }).valueSetValues;

/** "DE – Germany" when the code is in the value set, the bare code otherwise. */
function countryDisplay(code: string): string {
  const name = COUNTRY_NAMES[code]?.display;
  return name ? `${code} – ${name}` : code;
}

export function certificateView(payload: RecoveryPayload): CertificateView {
  const view = recoveryView(payload);
  const { familyNameTransliterated: fnt, givenNameTransliterated: gnt } = view;
  return {
    familyName: view.familyName ?? fnt,
    givenName: view.givenName ?? gnt ?? '',
    standardisedName: gnt ? `${fnt}<<${gnt}` : fnt,
    dateOfBirth: view.dateOfBirth,
    disease: view.disease === DISEASE_COVID19 ? 'COVID-19' : view.disease,
    firstPositiveTest: view.firstPositiveTest,
    countryOfTest: countryDisplay(view.country),
    issuer: view.issuer,
    validFrom: view.validFrom,
    validUntil: view.validUntil,
    uvci: view.uvci,
  };
}

/** Field order of the data table (A4) and of the receipt's data block. */
export const A4_FIELDS: readonly (keyof FieldLabels & keyof CertificateView)[] = [
  'familyName',
  'givenName',
  'standardisedName',
  'dateOfBirth',
  'disease',
  'firstPositiveTest',
  'countryOfTest',
  'issuer',
  'validFrom',
  'validUntil',
  'uvci',
];
