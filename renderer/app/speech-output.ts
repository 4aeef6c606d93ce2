// The platform's speech synthesis (Web Speech API) behind a small interface, so the kiosk speaks
// with whatever voice the kiosk OS offers (Electron/Chromium on Linux: speech-dispatcher with
// espeak-ng; docs/speech-output.md) and tests can listen at the boundary.

export interface Speaker {
  /** `interrupt` drops whatever is still queued: a new screen or an error matters more. */
  speak(text: string, lang: string, interrupt: boolean): void;
  stop(): void;
}

/** The platform's speaker, or null where the browser offers no speech synthesis. */
export function platformSpeaker(win: Window = window): Speaker | null {
  const w = win as Window & { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance };
  const synth = 'speechSynthesis' in w ? w.speechSynthesis : undefined;
  const Utterance = w.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return null;
  const voiceFor = (lang: string) => {
    const primary = lang.split('-')[0]?.toLowerCase() ?? '';
    return synth.getVoices().find((v) => v.lang.toLowerCase().split(/[-_]/u)[0] === primary) ?? null;
  };
  return {
    speak(text, lang, interrupt) {
      if (!text) return;
      if (interrupt) synth.cancel();
      const utterance = new Utterance(text);
      utterance.lang = lang;
      const voice = voiceFor(lang);
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    },
    stop() {
      synth.cancel();
    },
  };
}
