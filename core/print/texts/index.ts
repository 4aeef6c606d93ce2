// Print texts by language code (de, en, tr, ar, uk, ru, pl, de-ls). Unknown codes fall
// back to German, the language of the issuing office.
import { ar } from './ar';
import { de } from './de';
import { deLs } from './de-ls';
import { en } from './en';
import { pl } from './pl';
import { ru } from './ru';
import { tr } from './tr';
import type { PrintTexts, Script } from './types';
import { uk } from './uk';

export type { FieldLabels, PrintTexts, Script } from './types';

export const PRINT_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

const TEXTS: Readonly<Record<PrintLanguage, PrintTexts>> = { de, en, tr, ar, uk, ru, pl, 'de-ls': deLs };

export const isPrintLanguage = (lang: string): lang is PrintLanguage =>
  (PRINT_LANGUAGES as readonly string[]).includes(lang);

export const printTexts = (lang: string): PrintTexts => (isPrintLanguage(lang) ? TEXTS[lang] : de);

/**
 * The instruction blocks a layout prints for `lang`: the citizen's language when the layout can
 * render its script, otherwise German and English. German and English citizens get only their own.
 */
export function instructionTexts(lang: string, renderable: ReadonlySet<Script>): readonly PrintTexts[] {
  const texts = printTexts(lang);
  return renderable.has(texts.script) ? [texts] : [de, en];
}
