// Turkish print texts. Printed on the receipt through code page PC857, on A4 as the
// third label line (DejaVu Sans has every Turkish glyph).
import type { PrintTexts } from './types';

export const tr: PrintTexts = {
  lang: 'tr',
  script: 'latin',
  instructionsTitle: 'Sertifikayı akıllı telefonunuza kaydedin',
  instructions: [
    'Corona-Warn-App veya CovPass uygulamasını açın, “Sertifika ekle” seçeneğini seçin ve QR kodunu taratın.',
    'Bu çıktıyı saklayın – uygulama olmadan da geçerlidir.',
  ],
  labels: {
    familyName: 'Soyadı',
    givenName: 'Adı',
    standardisedName: 'Standart yazımlı ad',
    dateOfBirth: 'Doğum tarihi',
    disease: 'Hastalık',
    firstPositiveTest: 'İlk pozitif test sonucunun tarihi',
    countryOfTest: 'Testin yapıldığı ülke',
    issuer: 'Sertifikayı düzenleyen',
    validFrom: 'Geçerlilik başlangıcı',
    validUntil: 'Geçerlilik bitişi',
    uvci: 'Benzersiz sertifika kimliği',
  },
};
