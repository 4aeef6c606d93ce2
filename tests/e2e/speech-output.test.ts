// Audio mode (EN 301 549 5.1.3.1: a blind citizen cannot bring a screen reader to a kiosk). The
// help key F1 or the help dialog's "Vorlesen" turns it on by keyboard or touch; then every new
// screen (heading and text), every control focus reaches, dialogs, errors and typed characters are
// spoken in the screen's language, and the wipe turns it off for the next person. The platform's
// speech synthesis is replaced at its boundary by a recorder (the voices themselves belong to the
// kiosk OS, docs/speech-output.md); what the kiosk asks it to say is what is asserted.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import de from '../../renderer/i18n/de.json';
import deLs from '../../renderer/i18n/de-ls.json';
import en from '../../renderer/i18n/en.json';
import { LANDSCAPE, newKioskPage } from './support/browser';
import { action, chooseLanguage, confirm, finish, screen, typePersonFromIdScreen } from './support/flow';
import { kioskSuite } from './support/kiosk-suite';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS, waitForElement } from './support/waits';

const people = makePeople(2, 'Speech');
const suite = kioskSuite({ fixture: fixtureFor(new Date(), people) });

/** Records what the kiosk hands to speechSynthesis instead of playing it. */
const RECORDER = `
  window.__spoken = [];
  const synth = {
    speaking: false, pending: false, paused: false, onvoiceschanged: null,
    speak(u) { window.__spoken.push({ text: u.text, lang: u.lang }); },
    cancel() {}, pause() {}, resume() {}, getVoices() { return []; },
    addEventListener() {}, removeEventListener() {}, dispatchEvent() { return true; },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
`;

interface Spoken {
  readonly text: string;
  readonly lang: string;
}

// Strings, not functions: the tests' TypeScript knows no DOM.
const spoken = (page: Page) => page.evaluate('window.__spoken') as Promise<Spoken[]>;
const clearSpoken = (page: Page) => page.evaluate('void (window.__spoken.length = 0)');

/** Waits until something containing `part` was spoken; gives up with what was said instead. */
async function heard(page: Page, part: string): Promise<Spoken> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const said = await spoken(page);
    const hit = said.find((s) => s.text.includes(part));
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`never spoken: "${part}"; spoken were: ${JSON.stringify(said.map((s) => s.text))}`);
    await page.waitForTimeout(100);
  }
}

describe('audio mode: the kiosk reads itself aloud', { timeout: E2E_TEST_MS }, () => {
  it('F1 turns it on: how to use it, then the welcome heading, in German', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { initScript: RECORDER });
    expect(await spoken(page)).toEqual([]);
    await page.keyboard.press('F1');
    expect((await heard(page, de.speech.started)).lang).toBe('de');
    const welcome = await heard(page, de.welcome.title);
    expect(welcome.lang).toBe('de');
    expect(welcome.text).toContain(de.welcome.intro);
    await page.context().close();
  });

  it('by keyboard: Tab says each control, typing is echoed, errors and each new screen are spoken', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { initScript: RECORDER });
    await page.keyboard.press('F1');
    await heard(page, de.welcome.title);
    await action(page, 'start').focus();
    await heard(page, de.welcome.start);
    await page.keyboard.press('Enter');
    await screen(page, 'id');
    await heard(page, de.id.title);
    await clearSpoken(page);
    await page.keyboard.type('Q7');
    // Each key is echoed (the progress line's live region is spoken too).
    expect((await spoken(page)).map((s) => s.text).filter((text) => text.length === 1)).toEqual(['Q', '7']);
    // Too short for an ID: the error appears in a live region and is spoken at once.
    await page.keyboard.press('Enter');
    await waitForElement(page, '.kiosk-main [role="alert"]', 'the ID error');
    const error = ((await page.locator('.kiosk-main [role="alert"]').first().textContent()) ?? '').trim();
    expect(error).not.toBe('');
    expect((await heard(page, error)).text).toBe(error);
    // A toggle says its state.
    await clearSpoken(page);
    await action(page, 'contrast').focus();
    const contrast = await heard(page, de.display.contrast);
    expect(contrast.text).toContain(de.speech.off);
    await page.context().close();
  });

  it('speaks a field with its label and value, and a dialog with its title and text', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { initScript: RECORDER });
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.press('F1');
    await heard(page, de.id.title);
    await page.locator('#genesenen-id').focus();
    const field = await heard(page, de.speech.empty);
    expect(field.text).toContain(de.id.label);
    await action(page, 'help').click();
    const dialog = await heard(page, de.help.id);
    expect(dialog.text).toContain(de.help.title);
    await page.context().close();
  });

  it('by touch from the help dialog, in English and in Leichte Sprache, each in its own voice language', async () => {
    for (const [code, words, lang] of [
      ['en', en, 'en'],
      ['de-ls', deLs, 'de'],
    ] as const) {
      const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { initScript: RECORDER });
      await chooseLanguage(page, code);
      await action(page, 'help').click();
      await expect.poll(() => action(page, 'speech').getAttribute('aria-pressed')).toBe('false');
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
      await action(page, 'speech').click();
      expect(await action(page, 'speech').getAttribute('aria-pressed')).toBe('true');
      expect((await heard(page, words.speech.started)).lang).toBe(lang);
      await action(page, 'help-close').click();
      await action(page, 'start').click();
      expect((await heard(page, words.id.title)).lang).toBe(lang);
      await page.context().close();
    }
  });

  it('belongs to one person: after Finish it is off and silent for the next', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { initScript: RECORDER });
    await page.keyboard.press('F1');
    await heard(page, de.welcome.title);
    await action(page, 'start').click();
    await typePersonFromIdScreen(page, people[0]!);
    expect(await confirm(page)).toBe('result');
    // The result screen paints its QR first; its text is read once it is complete.
    await heard(page, de.result.title);
    const details = await heard(page, de.result.howToTitle);
    expect(details.text).toContain(de.result.validUntil);
    await finish(page);
    await heard(page, de.speech.stopped);
    await clearSpoken(page);
    await action(page, 'start').focus();
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.type('AB');
    expect(await spoken(page)).toEqual([]);
    await action(page, 'help').click();
    expect(await action(page, 'speech').getAttribute('aria-pressed')).toBe('false');
    await page.context().close();
  });
});
