// A clerk's reason goes into the audit log, which must hold nothing personal (docs/configuration.md,
// "Clerk reasons"). This pattern check refuses what looks like a date or a name; it cannot prove
// a text harmless (a bare surname looks like any other word), so the screen's hint still asks for
// general wording (errors.REASON_LOOKS_PERSONAL). Refused here:
//   dates   12.08.1964, 12/08/64, 1964-08-12, 1964-08, 19640812, a year 1900–2099, "12. August"
//   names   "Herr/Frau/Mr/Mrs/Ms/Dr X", "Surname, Given", "Name: …", "geb./born …", MRZ-style "A<B"
const MONTHS =
  'jan(uar|uary)?|feb(ruar|ruary)?|märz|mar(ch)?|apr(il)?|mai|may|jun[ie]?|jul[iy]?|aug(ust)?|sep(t|tember)?|okt(ober)?|oct(ober)?|nov(ember)?|dez(ember)?|dec(ember)?';
const PATTERNS: readonly RegExp[] = [
  /\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}/u,
  /\b\d{4}-\d{1,2}(-\d{1,2})?\b/u,
  /\b\d{8}\b/u,
  /\b(19|20)\d{2}\b/u,
  new RegExp(`\\b\\d{1,2}\\.?\\s*(${MONTHS})\\b`, 'iu'),
  /\b(herr|frau|hr|fr|mr|mrs|ms|miss|dr|prof)\.?\s+\p{Lu}/u,
  /\b(Herrn?|Frau|Hr|Fr|Mr|Mrs|Ms|Dr)\.?\s+\p{L}/u,
  /\p{Lu}\p{Ll}+,\s*\p{Lu}\p{Ll}+/u,
  /\b(name|vorname|nachname|geb\.?|geboren|born|dob)\b\s*:?\s*\p{L}/iu,
  /\p{L}<+\p{L}/u,
];

export const reasonLooksPersonal = (reason: string): boolean => PATTERNS.some((p) => p.test(reason));
