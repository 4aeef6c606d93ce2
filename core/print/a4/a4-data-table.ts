// Lower half of the A4 certificate: the certificate's fields as a two-column table, labels
// in German (bold) and English like the official German paper certificate, plus the citizen's
// language as a third, grey line when DejaVu + pdf-lib can render its script (Latin, Cyrillic).
import type { PDFPage } from 'pdf-lib';
import { A4_FIELDS, bilingualLabel, type CertificateView } from '../certificate-view';
import type { PrintTexts } from '../texts';
import { blockHeightMm, drawBlock, MM, A4, type TextStyle } from './pdf-text';

export interface TableStyles {
  readonly heading: TextStyle;
  readonly labelDe: TextStyle;
  readonly labelEn: TextStyle;
  readonly labelThird: TextStyle;
  readonly value: TextStyle;
  readonly small: TextStyle;
}

const HEADING = 'Zertifikatsdaten / Certificate data';
const LEFT = 15;

/** The table's fixed texts (heading, German and English labels) for static-widths.ts. */
export function dataTableFixedTexts(): string[] {
  return [HEADING, ...A4_FIELDS.flatMap((f) => Object.values(bilingualLabel(f)))];
}
const LABEL_WIDTH = 92;
const VALUE_X = 112;
const VALUE_WIDTH = 83;
const ROW_GAP = 1.6;

/** Draws the table from `topMm` down; `third` is the citizen's language, if printed. */
export function drawDataTable(
  page: PDFPage,
  view: CertificateView,
  third: PrintTexts | undefined,
  styles: TableStyles,
  topMm: number,
): number {
  let top = drawBlock(page, HEADING, styles.heading, {
    xMm: LEFT,
    topMm,
    widthMm: 180,
  });
  top += 1.5;
  for (const field of A4_FIELDS) {
    const value = view[field];
    if (value === '') continue;
    const label = bilingualLabel(field);
    const rowTop = top;
    let labelBottom = drawBlock(page, label.de, styles.labelDe, { xMm: LEFT, topMm: rowTop, widthMm: LABEL_WIDTH });
    labelBottom = drawBlock(page, label.en, styles.labelEn, { xMm: LEFT, topMm: labelBottom, widthMm: LABEL_WIDTH });
    if (third) {
      labelBottom = drawBlock(page, third.labels[field], styles.labelThird, {
        xMm: LEFT,
        topMm: labelBottom,
        widthMm: LABEL_WIDTH,
      });
    }
    const valueBottom = drawBlock(page, value, styles.value, { xMm: VALUE_X, topMm: rowTop, widthMm: VALUE_WIDTH });
    top = Math.max(labelBottom, valueBottom) + ROW_GAP;
    page.drawLine({
      start: { x: LEFT * MM, y: (A4.height - top + ROW_GAP / 2) * MM },
      end: { x: (LEFT + 180) * MM, y: (A4.height - top + ROW_GAP / 2) * MM },
      thickness: 0.3,
      color: styles.small.color,
    });
  }
  return top;
}

/** Height the table would take (used to choose font sizes that keep it above the footer). */
export function dataTableHeightMm(view: CertificateView, third: PrintTexts | undefined, styles: TableStyles): number {
  let h = blockHeightMm('Zertifikatsdaten', styles.heading, 180) + 1.5;
  for (const field of A4_FIELDS) {
    if (view[field] === '') continue;
    const label = bilingualLabel(field);
    const labelH =
      blockHeightMm(label.de, styles.labelDe, LABEL_WIDTH) +
      blockHeightMm(label.en, styles.labelEn, LABEL_WIDTH) +
      (third ? blockHeightMm(third.labels[field], styles.labelThird, LABEL_WIDTH) : 0);
    h += Math.max(labelH, blockHeightMm(view[field], styles.value, VALUE_WIDTH)) + ROW_GAP;
  }
  return h;
}
