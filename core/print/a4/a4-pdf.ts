// The A4 certificate, laid out like the official German paper certificate: upper half
// with title, issuer, app instructions and a 70 mm QR (+ 4-module quiet zone, docs/dcc-notes.md §5), a fold
// line, lower half with the labelled certificate data. Labels are German + English; the citizen's
// language is a third line for Latin/Cyrillic scripts only (pdf-lib has no Arabic shaping/bidi).
// Demo certificates carry a red banner and a "DEMO" watermark. PDF metadata holds no personal data.
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CertificateAcceptance } from '../../rules/certificate-acceptance';
import { qrMatrix, qrRunPath, type QrMatrix } from '../../dcc/qr';
import { acceptanceSentences, acceptanceText } from '../acceptance-text';
import type { RecoveryPayload } from '../../dcc/types';
import { certificateView, HEADINGS } from '../certificate-view';
import { de } from '../texts/de';
import { en } from '../texts/en';
import { printTexts, type PrintTexts, type Script } from '../texts';
import { dataTableHeightMm, drawDataTable, type TableStyles } from './a4-data-table';
import { dataTableFixedTexts } from './a4-data-table';
import { EMBED_OPTIONS, loadPdfFonts, type PdfFontBytes } from './pdf-fonts';
import { A4, blockHeightMm, drawBlock, MM, type TextStyle } from './pdf-text';
import { staticWidthsFor } from './static-widths';
import { createWidthCache, type WidthCache } from './text-widths';

export interface A4Certificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  readonly demo: boolean;
  /** From the business rules at issuance; printed when it differs from du (acceptance-text.ts). */
  readonly acceptance?: CertificateAcceptance;
}

export interface A4Options {
  readonly lang: string;
  /** Font bytes; default: core/print/fonts via loadPdfFonts(). */
  readonly fonts?: PdfFontBytes;
  /**
   * The job's width cache; default a new one over the fixed texts' table (static-widths.ts).
   * Always cleared when the job ends (tests look).
   */
  readonly widths?: WidthCache;
}

const A4_SCRIPTS: ReadonlySet<Script> = new Set(['latin', 'cyrillic']);
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RED = rgb(0.75, 0.05, 0.05);
const WATERMARK = rgb(0.97, 0.84, 0.84);
const QR_SYMBOL_MM = 70;
const FOLD_MM = A4.height / 2;
const FOOTER_MM = 284;
const FOOTER =
  'Dieses Zertifikat ist kein Reisedokument. Es belegt die Genesung von COVID-19. / This certificate is not a travel document. It certifies recovery from COVID-19.';
const FOLD_TEXT = `${HEADINGS.foldDe} / ${HEADINGS.foldEn}`;
const DEMO_TEXT = `${HEADINGS.demoDe} / ${HEADINGS.demoEn}`;
/** What every page prints besides the language texts (those come from texts/), for static-widths.ts. */
const FIXED_TEXTS: readonly string[] = [
  HEADINGS.titleDe,
  HEADINGS.titleEn,
  FOLD_TEXT,
  DEMO_TEXT,
  FOOTER,
  'UVCI:',
  ...dataTableFixedTexts(),
];

/** Third language (citizen's), when it is neither German nor English and its script renders. */
function thirdLanguage(lang: string): PrintTexts | undefined {
  const t = printTexts(lang);
  return t.lang === 'de' || t.lang === 'en' || !A4_SCRIPTS.has(t.script) ? undefined : t;
}

/** The QR as one vector path of row runs (crisp at any zoom, small file). */
function drawQr(page: PDFPage, qr: QrMatrix, xMm: number, topMm: number, symbolMm: number): void {
  const path = qrRunPath(qr.modules);
  const module = (symbolMm * MM) / qr.size;
  page.drawSvgPath(path, { x: xMm * MM, y: (A4.height - topMm) * MM, scale: module, color: BLACK, borderWidth: 0 });
}

function drawWatermark(page: PDFPage, bold: PDFFont, centreXmm: number, centreYmm: number): void {
  const size = 110;
  const width = bold.widthOfTextAtSize('DEMO', size);
  const angle = 30;
  const rad = (angle * Math.PI) / 180;
  page.drawText('DEMO', {
    x: centreXmm * MM - (width / 2) * Math.cos(rad),
    y: (A4.height - centreYmm) * MM - (width / 2) * Math.sin(rad),
    size,
    font: bold,
    // A solid pale tint drawn first, not transparency: PostScript printer paths (CUPS pdftops)
    // rasterise any page with transparency, which blurs the QR and loses the text layer.
    color: WATERMARK,
    rotate: degrees(angle),
  });
}

function drawFoldLine(page: PDFPage, style: TextStyle): void {
  const y = (A4.height - FOLD_MM) * MM;
  page.drawLine({ start: { x: 8 * MM, y }, end: { x: 202 * MM, y }, thickness: 0.4, color: GREY, dashArray: [4, 3] });
  drawBlock(page, FOLD_TEXT, style, { xMm: 15, topMm: FOLD_MM + 0.8, widthMm: 60 });
}

function tableStyles(regular: PDFFont, bold: PDFFont, scale: number, widths: WidthCache): TableStyles {
  return {
    heading: { font: bold, size: 12 * scale, color: BLACK, widths },
    labelDe: { font: bold, size: 8.5 * scale, color: BLACK, widths },
    labelEn: { font: regular, size: 8 * scale, color: BLACK, widths },
    labelThird: { font: regular, size: 8 * scale, color: GREY, widths },
    value: { font: regular, size: 10 * scale, color: BLACK, widths },
    small: { font: regular, size: 7, color: GREY, widths },
  };
}

export async function buildA4Pdf(cert: A4Certificate, options: A4Options): Promise<Uint8Array> {
  const fonts = options.fonts ?? (await loadPdfFonts());
  const third = thirdLanguage(options.lang);
  const widths = options.widths ?? createWidthCache(await staticWidthsFor(fonts, third, FIXED_TEXTS));
  try {
    return await buildWith(cert, fonts, third, widths);
  } finally {
    widths.clear(); // it holds the citizen's name and date of birth (text-widths.ts)
  }
}

async function buildWith(
  cert: A4Certificate,
  fonts: PdfFontBytes,
  third: PrintTexts | undefined,
  widths: WidthCache,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(HEADINGS.titleDe);
  doc.setCreator('genesenen-kiosk');
  doc.setProducer('genesenen-kiosk (pdf-lib)');
  // Subset, no ligatures (pdf-fonts.ts, EMBED_OPTIONS).
  const regular = await doc.embedFont(fonts.regular, EMBED_OPTIONS);
  const bold = await doc.embedFont(fonts.bold, EMBED_OPTIONS);
  const page = doc.addPage([A4.width * MM, A4.height * MM]);
  const view = certificateView(cert.payload);
  const style = (font: PDFFont, size: number, color = BLACK): TextStyle => ({ font, size, color, widths });
  const small = style(regular, 7, GREY);

  if (cert.demo) {
    drawWatermark(page, bold, 62, 95);
    drawWatermark(page, bold, 105, 225);
    drawBlock(page, DEMO_TEXT, style(bold, 12, RED), {
      xMm: 15,
      topMm: 7,
      widthMm: 180,
      align: 'center',
    });
  }
  let top = drawBlock(page, HEADINGS.titleDe, style(bold, 20), { xMm: 15, topMm: 14, widthMm: 180 });
  top = drawBlock(page, HEADINGS.titleEn, style(regular, 12), { xMm: 15, topMm: top, widthMm: 180 });
  top = drawBlock(page, view.issuer, style(regular, 10, GREY), { xMm: 15, topMm: top + 0.5, widthMm: 180 });

  const qr = qrMatrix(cert.hc1);
  const quietMm = (4 * QR_SYMBOL_MM) / qr.size;
  const qrTop = top + 3 + quietMm;
  const qrX = 195 - quietMm - QR_SYMBOL_MM;
  drawQr(page, qr, qrX, qrTop, QR_SYMBOL_MM);
  drawBlock(page, `UVCI: ${view.uvci}`, small, {
    xMm: qrX - quietMm,
    topMm: qrTop + QR_SYMBOL_MM + quietMm,
    widthMm: QR_SYMBOL_MM + 2 * quietMm,
    align: 'center',
  });

  let left = top + 5;
  for (const texts of third ? [de, en, third] : [de, en]) {
    left = drawBlock(page, texts.instructionsTitle, style(bold, 9), { xMm: 15, topMm: left, widthMm: 98 });
    for (const p of texts.instructions) {
      left = drawBlock(page, p, style(regular, 8.5), { xMm: 15, topMm: left, widthMm: 98 });
    }
    left += 2.5;
  }
  drawFoldLine(page, small);

  const accepted = acceptanceText(cert.acceptance);
  const sentences = accepted ? acceptanceSentences(accepted) : [];
  const acceptedStyle: TextStyle = { font: bold, size: 9, color: BLACK, widths };
  const acceptedMm = sentences.reduce((h, t) => h + blockHeightMm(t, acceptedStyle, 180), sentences.length ? 2 : 0);
  const available = FOOTER_MM - 2 - acceptedMm - (FOLD_MM + 7);
  const styles = (s: number) => tableStyles(regular, bold, s, widths);
  const scale = [1, 0.92, 0.85, 0.78, 0.7].find((s) => dataTableHeightMm(view, third, styles(s)) <= available) ?? 0.7;
  const tableBottom = drawDataTable(page, view, third, styles(scale), FOLD_MM + 7);
  let acceptedTop = tableBottom + 1;
  for (const t of sentences) {
    acceptedTop = drawBlock(page, t, acceptedStyle, { xMm: 15, topMm: acceptedTop, widthMm: 180 });
  }
  drawBlock(page, FOOTER, small, { xMm: 15, topMm: FOOTER_MM, widthMm: 180, align: 'center' });
  return doc.save();
}
