// Larger text, high contrast and audio mode (WCAG 1.4.4, 1.4.3/1.4.6; EN 301 549 5.1.4 closed functionality:
// the person cannot use their own zoom or OS contrast setting at a kiosk). The choices live only
// for one person: endPerson (use-end-person.ts) resets them like the language. They are classes on
// <html>, so modal dialogs in the top layer follow them too (styles/display-options.css).
import { useCallback, useEffect, useState } from 'react';

export interface DisplayOptions {
  readonly largeText: boolean;
  readonly contrast: boolean;
  /** Audio mode: the kiosk reads the screen aloud (use-speech-output.ts). */
  readonly speech: boolean;
}

const DEFAULT_DISPLAY: DisplayOptions = { largeText: false, contrast: false, speech: false };

export function useDisplayOptions() {
  const [display, setDisplay] = useState<DisplayOptions>(DEFAULT_DISPLAY);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('kiosk-text-large', display.largeText);
    root.classList.toggle('kiosk-contrast', display.contrast);
    // KERN's own dark tokens first; display-options.css turns them into black, white and yellow.
    root.dataset.kernTheme = display.contrast ? 'dark' : 'light';
  }, [display]);
  const resetDisplay = useCallback(() => setDisplay(DEFAULT_DISPLAY), []);
  return { display, setDisplay, resetDisplay };
}
