// Ukrainian print texts. Printed on the receipt through code page WPC1251, which (unlike
// PC866) has Ґ, Є, І and Ї.
import type { PrintTexts } from './types';

export const uk: PrintTexts = {
  lang: 'uk',
  script: 'cyrillic',
  instructionsTitle: 'Збережіть сертифікат у смартфоні',
  instructions: [
    'Відкрийте застосунок Corona-Warn-App або CovPass, виберіть «Додати сертифікат» і відскануйте QR-код.',
    'Збережіть цю роздруківку – вона дійсна і без застосунку.',
  ],
  labels: {
    familyName: 'Прізвище',
    givenName: "Ім'я",
    standardisedName: "Стандартизоване ім'я",
    dateOfBirth: 'Дата народження',
    disease: 'Захворювання',
    firstPositiveTest: 'Дата першого позитивного результату тесту',
    countryOfTest: 'Країна тестування',
    issuer: 'Видавець сертифіката',
    validFrom: 'Дійсний з',
    validUntil: 'Дійсний до',
    uvci: 'Унікальний ідентифікатор сертифіката',
  },
};
