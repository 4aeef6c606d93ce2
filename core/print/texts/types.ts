// Shape of the printed texts per citizen language (short instructions for
// Corona-Warn-App / CovPass in the citizen's language). Field labels are always German + English
// like the official paper certificate; `labels` here is the optional third line on the A4 page.

/** Script of a language: decides whether a layout can render it (see core/print/README.md). */
export type Script = 'latin' | 'cyrillic' | 'arabic';

/** The certificate's printed fields, in print order; labels and values share these keys. */
export type CertificateField =
  | 'familyName'
  | 'givenName'
  | 'standardisedName'
  | 'dateOfBirth'
  | 'disease'
  | 'firstPositiveTest'
  | 'countryOfTest'
  | 'issuer'
  | 'validFrom'
  | 'validUntil'
  | 'uvci';

export type FieldLabels = Readonly<Record<CertificateField, string>>;

export interface PrintTexts {
  readonly lang: string;
  readonly script: Script;
  /** Heading above the instructions, e.g. "So speichern Sie das Zertifikat". */
  readonly instructionsTitle: string;
  /** Short sentences or paragraphs, printed in order. */
  readonly instructions: readonly string[];
  readonly labels: FieldLabels;
}
