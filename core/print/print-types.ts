// What the print service answers: formats, outcomes and printer states (docs/printing-privacy.md).
import type { ComponentState } from '../component-state';

export type PrintFormat = 'receipt' | 'a4';

export interface PrintOutcome {
  readonly format: PrintFormat;
  readonly printer: string;
}

/** One configured printer as the clerk status and metrics show it. */
export interface PrinterState {
  readonly name: string;
  readonly format: PrintFormat;
  readonly state: ComponentState;
  readonly code?: string;
}
