// Russian print texts. Printed on the receipt through code page WPC1251.
import type { PrintTexts } from './types';

export const ru: PrintTexts = {
  lang: 'ru',
  script: 'cyrillic',
  instructionsTitle: 'Сохраните сертификат в смартфоне',
  instructions: [
    'Откройте приложение Corona-Warn-App или CovPass, выберите «Добавить сертификат» и отсканируйте QR-код.',
    'Сохраните эту распечатку – она действительна и без приложения.',
  ],
  labels: {
    familyName: 'Фамилия',
    givenName: 'Имя',
    standardisedName: 'Стандартизированное имя',
    dateOfBirth: 'Дата рождения',
    disease: 'Заболевание',
    firstPositiveTest: 'Дата первого положительного результата теста',
    countryOfTest: 'Страна тестирования',
    issuer: 'Кем выдан сертификат',
    validFrom: 'Действителен с',
    validUntil: 'Действителен до',
    uvci: 'Уникальный идентификатор сертификата',
  },
};
