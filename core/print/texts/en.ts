// English print texts. Labels follow the official German paper certificate.
import type { PrintTexts } from './types';

export const en: PrintTexts = {
  lang: 'en',
  script: 'latin',
  instructionsTitle: 'Store the certificate on your smartphone',
  instructions: [
    'Open the Corona-Warn-App or the CovPass app, choose “Add certificate” and scan the QR code.',
    'Keep this printout – it is valid without the app, too.',
  ],
  labels: {
    familyName: 'Name',
    givenName: 'Given name',
    standardisedName: 'Standardised name',
    dateOfBirth: 'Date of birth (YYYY-MM-DD)',
    disease: 'Disease',
    firstPositiveTest: 'Date of first positive test result',
    countryOfTest: 'Country of test',
    issuer: 'Certificate issuer',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    uvci: 'Unique certificate identifier (UVCI)',
  },
};
