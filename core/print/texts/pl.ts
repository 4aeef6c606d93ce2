// Polish print texts. Printed on the receipt through code page PC852 (Latin-2).
import type { PrintTexts } from './types';

export const pl: PrintTexts = {
  lang: 'pl',
  script: 'latin',
  instructionsTitle: 'Zapisz certyfikat w smartfonie',
  instructions: [
    'Otwórz aplikację Corona-Warn-App lub CovPass, wybierz „Dodaj certyfikat” i zeskanuj kod QR.',
    'Zachowaj ten wydruk – jest ważny także bez aplikacji.',
  ],
  labels: {
    familyName: 'Nazwisko',
    givenName: 'Imię',
    standardisedName: 'Imię i nazwisko w zapisie standardowym',
    dateOfBirth: 'Data urodzenia',
    disease: 'Choroba',
    firstPositiveTest: 'Data pierwszego pozytywnego wyniku testu',
    countryOfTest: 'Państwo wykonania testu',
    issuer: 'Wystawca certyfikatu',
    validFrom: 'Ważny od',
    validUntil: 'Ważny do',
    uvci: 'Niepowtarzalny identyfikator certyfikatu',
  },
};
