// The citizen's receipt: ESC/POS bytes for an 80 mm (576 dots, 48 columns, font A) or
// 58 mm (384 dots, 32 columns) thermal printer, Epson or Star command set. Content: demo banner,
// title and issuer, the QR as large as the paper allows (4-module quiet zone), name in both forms,
// date of birth, validity, UVCI, short app instructions in the citizen's language, cut.
// Texts print through code pages (code-pages.ts); Arabic has none that works without shaping, so
// an Arabic-speaking citizen gets German + English instructions (README.md).
import type { CertificateAcceptance } from '../../rules/certificate-acceptance';
import { qrMatrix } from '../../dcc/qr';
import { acceptanceText } from '../acceptance-text';
import type { RecoveryPayload } from '../../dcc/types';
import { bilingualLabel, certificateView, HEADINGS } from '../certificate-view';
import { commandSet } from '../escpos/command-set';
import { EscposJobWriter } from '../escpos/job-writer';
import { qrBitmap, qrModuleDots } from '../escpos/raster';
import { instructionTexts, type Script } from '../texts';
import { labelled, wrap } from './wrap';

export interface ReceiptCertificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  readonly demo: boolean;
  /** From the business rules at issuance; printed when it differs from du (acceptance-text.ts). */
  readonly acceptance?: CertificateAcceptance;
}

export interface ReceiptOptions {
  readonly paperWidthMm: 80 | 58;
  readonly commandSet: 'epson' | 'star';
  readonly qrMode: 'native' | 'raster';
  readonly lang: string;
}

export const PAPER = { 80: { dots: 576, columns: 48 }, 58: { dots: 384, columns: 32 } } as const;

const RECEIPT_SCRIPTS: ReadonlySet<Script> = new Set(['latin', 'cyrillic']);

export function buildReceiptJob(cert: ReceiptCertificate, options: ReceiptOptions): Uint8Array {
  const { dots, columns } = PAPER[options.paperWidthMm];
  const view = certificateView(cert.payload);
  const w = new EscposJobWriter(commandSet(options.commandSet));
  const lines = (texts: readonly string[]): void => texts.forEach((t) => w.line(t));
  const label = (field: Parameters<typeof bilingualLabel>[0]): string => {
    const l = bilingualLabel(field);
    return `${l.de} / ${l.en}:`;
  };
  const demoBanner = (): void => {
    w.align('center').style({ bold: true, width: 2, height: 2, invert: true }).line(' DEMO ');
    w.style({ bold: true }).line(HEADINGS.demoDe).line(HEADINGS.demoEn).style({});
  };

  if (cert.demo) demoBanner();
  w.align('center').style({ bold: true, height: 2 });
  lines(wrap(HEADINGS.titleDe, columns));
  w.style({});
  lines(wrap(HEADINGS.titleEn, columns));
  lines(wrap(view.issuer, columns));
  w.feed(1);

  const qr = qrMatrix(cert.hc1);
  if (options.qrMode === 'native') w.qrNative(cert.hc1, qrModuleDots(qr, dots)).line('');
  else w.image(qrBitmap(qr, dots));

  w.align('left');
  const field = (key: Parameters<typeof bilingualLabel>[0], value: string): void => {
    w.style({ bold: true });
    lines(wrap(label(key), columns));
    w.style({});
    lines(wrap(value, columns));
  };
  field('familyName', view.familyName);
  if (view.givenName !== '') field('givenName', view.givenName);
  field('standardisedName', view.standardisedName);
  field('dateOfBirth', view.dateOfBirth);
  w.style({ bold: true });
  lines(labelled(`${bilingualLabel('validFrom').de} / ${bilingualLabel('validFrom').en}:`, view.validFrom, columns));
  lines(labelled(`${bilingualLabel('validUntil').de} / ${bilingualLabel('validUntil').en}:`, view.validUntil, columns));
  const accepted = acceptanceText(cert.acceptance);
  if (accepted) {
    lines(labelled(`${accepted.labelDe} / ${accepted.labelEn}:`, accepted.date, columns));
    w.style({});
    lines(wrap(`(${accepted.basisDe} / ${accepted.basisEn})`, columns));
    if (accepted.warningDe) lines(wrap(`${accepted.warningDe} / ${accepted.warningEn}`, columns));
  }
  w.style({ bold: true }).line('UVCI:').style({});
  lines(wrap(view.uvci, columns));
  w.line('-'.repeat(columns));

  for (const texts of instructionTexts(options.lang, RECEIPT_SCRIPTS)) {
    w.style({ bold: true });
    lines(wrap(texts.instructionsTitle, columns));
    w.style({});
    for (const paragraph of texts.instructions) lines(wrap(paragraph, columns));
    w.feed(1);
  }
  if (cert.demo) demoBanner();
  return w.feed(3).cut().bytes();
}
