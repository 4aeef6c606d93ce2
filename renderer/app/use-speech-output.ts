// Audio mode (EN 301 549 5.1.3.1, closed functionality: a blind citizen cannot bring a screen
// reader to a kiosk). The kiosk's help key (F1, or the keyboard's Help key; a headphone-jack key on
// kiosk keypads is set to send it) or the "Vorlesen" button in the help dialog turns it on. Then the
// kiosk says, through the platform's speech synthesis: each new screen (heading and text), each
// control focus reaches (name, state, a field's value and hints), each dialog's title and
// description, errors and other live regions (the idle countdown among them) and each typed
// character. It belongs to one person: the wipe turns it off (display options). docs/speech-output.md.
import { useEffect, useRef } from 'react';
import {
  liveRegionOf,
  sentences,
  speechLangOf,
  spokenForDialog,
  spokenForFocus,
  spokenForScreen,
  visibleText,
  type SpokenWords,
} from './spoken-text';
import type { Speaker } from './speech-output';

const LIVE = '[role="alert"], [role="status"], [aria-live]';

/** Keys that turn audio mode on and off. */
const SPEECH_KEYS: ReadonlySet<string> = new Set(['F1', 'Help']);

export interface SpeechOutputOptions {
  readonly speaker: Speaker | null;
  readonly enabled: boolean;
  readonly toggle: () => void;
  /** The page's language (html lang): what is said unless an element carries its own. */
  readonly lang: string;
  readonly words: SpokenWords & { readonly started: string; readonly stopped: string };
}

export function useSpeechOutput({ speaker, enabled, toggle, lang, words }: SpeechOutputOptions): void {
  const latest = useRef({ toggle, lang, words, enabled });
  latest.current = { toggle, lang, words, enabled };

  useEffect(() => {
    if (!speaker) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (!SPEECH_KEYS.has(e.key)) return;
      e.preventDefault();
      latest.current.toggle();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [speaker]);

  useEffect(() => {
    if (!speaker || !enabled) return undefined;
    const doc = document;
    const say = (text: string, el: Element | null, interrupt: boolean) =>
      speaker.speak(text, speechLangOf(el, latest.current.lang), interrupt);
    /** Last text said per live region, so a region is said when it changes, not again with its screen. */
    const regionText = new WeakMap<Element, string>();
    const remember = (root: Element) => root.querySelectorAll(LIVE).forEach((r) => regionText.set(r, visibleText(r)));
    let dialog: Element | null = null;

    /** A screen still completing (aria-busy: the result screen paints its QR first) says its
     *  heading now and the rest once it is complete, as screen readers wait for aria-busy. */
    let busyHeading: Element | null = null;
    const sayScreen = (heading: Element, interrupt = true) => {
      const screen = heading.closest('section, main');
      if (screen?.getAttribute('aria-busy') === 'true') {
        busyHeading = heading;
        say(visibleText(heading), heading, interrupt);
        return;
      }
      busyHeading = null;
      say(spokenForScreen(heading), heading, interrupt);
      if (screen) remember(screen);
    };
    const sayCompleted = () => {
      const heading = busyHeading;
      const screen = heading?.closest('section, main');
      if (!heading?.isConnected || !screen || screen.getAttribute('aria-busy') === 'true') return;
      busyHeading = null;
      say(spokenForScreen(heading, false), heading, false);
      remember(screen);
    };

    const onFocus = (e: FocusEvent) => {
      const el = e.target instanceof Element ? e.target : null;
      if (!el) return;
      if (el.matches('h1')) return sayScreen(el);
      const inDialog = el.closest('dialog, [role="dialog"]');
      const parts: string[] = [];
      if (inDialog && inDialog !== dialog) {
        parts.push(spokenForDialog(inDialog));
        remember(inDialog);
      }
      dialog = inDialog;
      parts.push(spokenForFocus(el, latest.current.words));
      say(sentences(parts), el, true);
    };

    const onKey = (e: KeyboardEvent) => {
      // Typed characters are echoed, as screen readers do; the help key itself is not.
      if (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) say(e.key, null, true);
    };

    const observer = new MutationObserver((records) => {
      if (busyHeading && records.some((r) => r.type === 'attributes')) sayCompleted();
      const changed = new Set<Element>();
      for (const r of records) {
        if (r.type === 'attributes') continue;
        const region = liveRegionOf(r.target);
        if (region) changed.add(region);
        r.addedNodes.forEach((n) => {
          if (!(n instanceof Element)) return;
          if (n.matches(LIVE)) changed.add(n);
          n.querySelectorAll(LIVE).forEach((x) => changed.add(x));
        });
      }
      // A region inside another (an alert inside a polite status) changes both: say the text once,
      // at once if either is an alert.
      const toSay = new Map<string, { region: Element; alert: boolean }>();
      for (const region of changed) {
        const text = visibleText(region);
        if (!region.isConnected || !text || regionText.get(region) === text) continue;
        regionText.set(region, text);
        const alert = region.getAttribute('role') === 'alert' || (toSay.get(text)?.alert ?? false);
        toSay.set(text, { region, alert });
      }
      for (const [text, { region, alert }] of toSay) say(text, region, alert);
    });

    doc.addEventListener('focusin', onFocus);
    window.addEventListener('keydown', onKey);
    observer.observe(doc.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-busy'],
    });

    // Turned on: say so, with how to use it, then where the person is.
    speaker.speak(latest.current.words.started, latest.current.lang, true);
    const open = doc.querySelector('dialog[open]');
    const heading = doc.querySelector('main h1');
    if (open) say(spokenForDialog(open), open, false);
    else if (heading) sayScreen(heading, false);

    return () => {
      doc.removeEventListener('focusin', onFocus);
      window.removeEventListener('keydown', onKey);
      observer.disconnect();
      speaker.stop();
      // Turned off (by the key, the button or the wipe): say so, so nobody wonders why it is silent.
      if (!latest.current.enabled) speaker.speak(latest.current.words.stopped, latest.current.lang, true);
    };
  }, [speaker, enabled]);
}
