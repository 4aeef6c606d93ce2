// Arabic print texts. Neither layout prints Arabic script yet: the receipt has no
// shaping-capable code page path and pdf-lib does no bidi reordering, so `script: 'arabic'` makes
// both layouts print German + English instead (core/print/README.md). The texts are kept so that a
// renderer with shaping and bidi can use them without a new translation round.
import type { PrintTexts } from './types';

export const ar: PrintTexts = {
  lang: 'ar',
  script: 'arabic',
  instructionsTitle: 'احفظ الشهادة على هاتفك الذكي',
  instructions: [
    'افتح تطبيق Corona-Warn-App أو CovPass، واختر «إضافة شهادة» ثم امسح رمز QR.',
    'احتفظ بهذه النسخة المطبوعة، فهي صالحة أيضًا بدون التطبيق.',
  ],
  labels: {
    familyName: 'اسم العائلة',
    givenName: 'الاسم الأول',
    standardisedName: 'الاسم بالصيغة الموحدة',
    dateOfBirth: 'تاريخ الميلاد',
    disease: 'المرض',
    firstPositiveTest: 'تاريخ أول نتيجة اختبار إيجابية',
    countryOfTest: 'بلد الاختبار',
    issuer: 'جهة إصدار الشهادة',
    validFrom: 'صالحة من',
    validUntil: 'صالحة حتى',
    uvci: 'المعرّف الفريد للشهادة',
  },
};
