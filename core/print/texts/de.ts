// German print texts. Labels follow the official German paper certificate.
import type { PrintTexts } from './types';

export const de: PrintTexts = {
  lang: 'de',
  script: 'latin',
  instructionsTitle: 'Zertifikat auf dem Smartphone speichern',
  instructions: [
    'Öffnen Sie die Corona-Warn-App oder die CovPass-App, wählen Sie „Zertifikat hinzufügen“ und scannen Sie den QR-Code.',
    'Bewahren Sie diesen Ausdruck auf – er gilt auch ohne App.',
  ],
  labels: {
    familyName: 'Name',
    givenName: 'Vorname',
    standardisedName: 'Standardisierter Name',
    dateOfBirth: 'Geburtsdatum (JJJJ-MM-TT)',
    disease: 'Krankheit',
    firstPositiveTest: 'Datum des ersten positiven Testergebnisses',
    countryOfTest: 'Land des Tests',
    issuer: 'Zertifikataussteller',
    validFrom: 'Gültig ab',
    validUntil: 'Gültig bis',
    uvci: 'Eindeutige Zertifikatkennung (UVCI)',
  },
};
