// The one way a person leaves the kiosk. Finish, idle expiry, "End now" in the idle warning, "start
// over", a confirmed "Cancel", "Cancel" on the short-time question (a decision already made on that
// screen, so not asked again) and a clerk's lock (clerk bar, status screen, sign-in-again dialog)
// all end here: core forgets held certificates and any clerk unlock (clerkLock, endSession), the
// flow state returns to the initial state, what React state alone keeps is dropped
// (use-forget-on-leave.ts), and the language and the display options (larger text, contrast, audio
// mode) return to the default. A clerk's walk-in cancelled is not a leave: the clerk stays signed in.
import { useCallback, type RefObject } from 'react';
import { clerkTokenOf, type FlowAction, type FlowState } from './flow';
import { useKiosk } from './kiosk-context';
import { useForgetOnLeave } from './use-forget-on-leave';

export interface EndPerson {
  /** Forget the person (and sign the clerk out); resolves when core has forgotten too. */
  readonly endPerson: () => Promise<void>;
  /** The key of the kiosk's frame, new after every leave (use-forget-on-leave.ts). */
  readonly generation: number;
}

export function useEndPerson(dispatch: (action: FlowAction) => void, flow: RefObject<FlowState>): EndPerson {
  const { bridge, languages, setLanguage, resetDisplay } = useKiosk();
  const { generation, forget } = useForgetOnLeave();
  const endPerson = useCallback(async () => {
    const token = clerkTokenOf(flow.current);
    dispatch({ type: 'wipe' });
    forget();
    setLanguage(languages[0] ?? 'de');
    resetDisplay();
    if (token) await bridge.clerkLock({ token });
    await bridge.endSession({});
  }, [bridge, dispatch, flow, forget, languages, setLanguage, resetDisplay]);
  return { endPerson, generation };
}
