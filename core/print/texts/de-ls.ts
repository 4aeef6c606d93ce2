// German "Leichte Sprache" print texts: one statement per line, short words, compound
// words split with a middle dot (Mediopunkt), no abbreviations, as the Leichte-Sprache rules ask.
import type { PrintTexts } from './types';

export const deLs: PrintTexts = {
  lang: 'de-ls',
  script: 'latin',
  instructionsTitle: 'Das Zertifikat im Handy speichern',
  instructions: [
    'Das ist Ihr Genesenen·zertifikat.',
    'Sie können es im Handy speichern.',
    'Dafür brauchen Sie eine App.',
    'Die App heißt Corona-Warn-App oder CovPass.',
    'Öffnen Sie die App.',
    'Drücken Sie auf: Zertifikat hinzufügen.',
    'Halten Sie das Handy über den QR-Code.',
    'Heben Sie dieses Papier gut auf.',
    'Das Papier gilt auch ohne App.',
  ],
  labels: {
    familyName: 'Nach·name',
    givenName: 'Vor·name',
    standardisedName: 'Name in Groß·buchstaben',
    dateOfBirth: 'Geburts·tag',
    disease: 'Krankheit',
    firstPositiveTest: 'Tag vom ersten positiven Test',
    countryOfTest: 'Land vom Test',
    issuer: 'Aussteller vom Zertifikat',
    validFrom: 'Gültig ab',
    validUntil: 'Gültig bis',
    uvci: 'Nummer vom Zertifikat',
  },
};
