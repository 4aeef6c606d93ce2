// The citizen flow's side effects: the calls to core (issue / clerkReissue / endSession /
// clerkLock), the idle timeout, the confirmations and the wipe. The wipe is the one path out of a
// session — Finish, idle expiry, "start over", a confirmed "Cancel" and "Cancel" on the short-time
// question (a decision already made on that screen, so not asked again) all end here: core forgets
// held certificates and any clerk unlock (endSession), React state returns to INITIAL_FLOW, the
// language and the display options (larger text, contrast) return to the default. The reducer
// (flow.ts) makes every arrival on the welcome screen the initial state, so no path back to the
// start keeps a person's entries. A clerk's session is kept alive by typing (use-clerk-session.ts);
// when it ends, the PIN is asked again in a dialog and the entries stay (docs/configuration.md,
// "Clerk session").
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import type { Result } from '../../core/result';
import { ClerkReauthDialog } from '../components/ClerkReauthDialog';
import { ClerkSessionTime } from '../components/ClerkSessionTime';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DisplayToggles } from '../components/DisplayToggles';
import { HelpButton } from '../components/HelpButton';
import { IdleDialog } from '../components/IdleDialog';
import { LanguageMenu } from '../components/LanguageChoice';
import { Layout } from '../components/Layout';
import { LANGUAGE_INFO } from '../i18n/languages';
import { showsDemoBanner } from './demo-banner';
import { composeDob } from './entry-format';
import { flowReducer, holdsSomething, INITIAL_FLOW, questionStep, type FlowState } from './flow';
import { FlowScreen } from './FlowScreen';
import { useKiosk } from './kiosk-context';
import { useClerkSession } from './use-clerk-session';
import { platformSpeaker } from './speech-output';
import { useIdle } from './use-idle';
import { useSpeechOutput } from './use-speech-output';

type Question = 'cancel' | 'finish' | null;

export function KioskFlow() {
  const { t } = useTranslation();
  const { bridge, info, language, languages, setLanguage, display, setDisplay, resetDisplay } = useKiosk();
  const [state, dispatch] = useReducer(flowReducer, INITIAL_FLOW);
  const [question, setQuestion] = useState<Question>(null);
  const stateRef = useRef<FlowState>(state);
  stateRef.current = state;
  // Each session gets fresh components: React keeps a render's props on long-lived fibers (and
  // DOM nodes such as <main> point to them), so without a remount the last person's name and
  // certificate stayed reachable in the renderer's memory after the wipe
  // (tests/reliability/renderer-memory.test.ts).
  const [session, setSession] = useState(0);
  useEffect(() => {
    // V8 keeps the subject of the last RegExp match (legacy RegExp.lastMatch) until the next
    // match: after a wipe that can be the typed name. An empty match replaces it.
    if (session > 0) /(?:)/u.exec('');
  }, [session]);

  const wipe = useCallback(async () => {
    const token = stateRef.current.clerkToken;
    setQuestion(null);
    dispatch({ type: 'wipe' });
    setSession((n) => n + 1);
    setLanguage(languages[0] ?? 'de');
    resetDisplay();
    if (token) await bridge.clerkLock({ token });
    await bridge.endSession({});
  }, [bridge, languages, setLanguage, resetDisplay]);

  const cancel = useCallback(async () => {
    setQuestion(null);
    // A clerk's walk-in goes back to the clerk menu (the clerk stays signed in); a citizen's
    // cancel is the full wipe.
    if (stateRef.current.clerkToken) dispatch({ type: 'cancel' });
    else await wipe();
  }, [wipe]);

  const runIssue = useCallback(
    async (confirmedBy?: { clerkId: string; pin: string }, acceptShortAcceptance = false) => {
      const s = stateRef.current;
      dispatch({ type: 'submit' });
      const dob = composeDob(s.entry.dob);
      const request = {
        genesenenId: s.entry.id,
        familyName: s.entry.familyName,
        dateOfBirth: dob.ok ? dob.value : '',
        lang: language,
      };
      let result: Result<IssuedCertificate>;
      if (s.mode === 'reissue') {
        // A reissue without a clerk token must never fall back to an ordinary issue.
        result = s.clerkToken
          ? await bridge.clerkReissue({
              ...request,
              token: s.clerkToken,
              reason: s.entry.reason.trim(),
              ...(confirmedBy ? { confirmedBy } : {}),
            })
          : { ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } };
      } else {
        // After SHORT_ACCEPTANCE the citizen's "issue anyway" goes with the same entries.
        result = await bridge.issue(acceptShortAcceptance ? { ...request, acceptShortAcceptance } : request);
      }
      // The person may have left meanwhile (idle wipe): drop a late answer.
      if (stateRef.current.screen !== 'working') return;
      dispatch(result.ok ? { type: 'issued', certificate: result.value } : { type: 'refused', error: result.error });
    },
    [bridge, language],
  );

  const lock = useCallback(async () => {
    const token = stateRef.current.clerkToken;
    dispatch({ type: 'clerkLocked' });
    if (token) await bridge.clerkLock({ token });
    await bridge.endSession({});
  }, [bridge]);

  const speaker = useMemo(() => platformSpeaker(), []);
  const toggleSpeech = useCallback(() => setDisplay({ ...display, speech: !display.speech }), [display, setDisplay]);
  useSpeechOutput({
    speaker,
    enabled: display.speech,
    toggle: toggleSpeech,
    lang: LANGUAGE_INFO[language].htmlLang,
    words: {
      started: t('speech.started'),
      stopped: t('speech.stopped'),
      on: t('speech.on'),
      off: t('speech.off'),
      empty: t('speech.empty'),
    },
  });

  const idle = useIdle({
    // A changed language or display option is the last person's too: it also times out.
    enabled:
      holdsSomething(state) ||
      language !== (languages[0] ?? 'de') ||
      display.largeText ||
      display.contrast ||
      display.speech,
    // The certificate on screen is what the next person could take: a shorter wait there.
    timeoutSeconds: state.screen === 'result' ? info.resultIdleTimeoutSeconds : info.idleTimeoutSeconds,
    warningSeconds: info.idleWarningSeconds,
    onExpire: () => void wipe(),
  });
  const warning = idle.warningRemaining !== null;
  const clerkSession = useClerkSession(bridge, state.clerkToken);
  const reauth = clerkSession.expired && !warning;

  return (
    <Layout
      key={session}
      issuer={info.issuer}
      demo={showsDemoBanner(info)}
      clerkActive={state.clerkToken !== null}
      onClerkOpen={() => dispatch({ type: 'openClerk' })}
      onClerkMenu={() => dispatch({ type: 'clerkMenu' })}
      onClerkLock={() => void lock()}
      clerkInfo={<ClerkSessionTime endsAt={clerkSession.endsAt} />}
      tools={
        <>
          <HelpButton screen={state.screen} speech={speaker ? { on: display.speech, toggle: toggleSpeech } : null} />
          <DisplayToggles />
          {state.screen === 'welcome' ? null : <LanguageMenu />}
        </>
      }
      concealed={warning || reauth}
    >
      {/* key: a new screen is a new component, so its heading takes focus and local state resets */}
      <div key={`${state.screen}-${state.mode}`} className="screen-host" data-screen={state.screen}>
        <StepIndicator state={state} />
        <FlowScreen
          state={state}
          dispatch={dispatch}
          onCancel={() => setQuestion('cancel')}
          onFinish={() => setQuestion('finish')}
          onIssue={(confirmedBy) => void runIssue(confirmedBy)}
          onIssueAnyway={() => void runIssue(undefined, true)}
          onAbandon={() => void cancel()}
          onStartOver={() => void wipe()}
          onLock={() => void lock()}
        />
      </div>
      {question === 'cancel' && !warning && !reauth ? (
        <ConfirmDialog
          action="cancel-confirm"
          title={t('cancel.title')}
          confirmLabel={t('cancel.confirm')}
          keepLabel={t('cancel.keep')}
          onConfirm={() => void cancel()}
          onKeep={() => setQuestion(null)}
        >
          {t('cancel.text')}
        </ConfirmDialog>
      ) : null}
      {question === 'finish' && !warning && !reauth ? (
        <ConfirmDialog
          action="finish-confirm"
          title={t('finish.title')}
          confirmLabel={t('finish.confirm')}
          keepLabel={t('finish.keep')}
          onConfirm={() => void wipe()}
          onKeep={() => setQuestion(null)}
        >
          {t('finish.text')}
        </ConfirmDialog>
      ) : null}
      {reauth ? (
        <ClerkReauthDialog
          onUnlocked={(token) => dispatch({ type: 'clerkRenewed', token })}
          onLock={() => void lock()}
        />
      ) : null}
      {warning ? <IdleDialog remaining={idle.warningRemaining} onMore={idle.extend} onEnd={() => void wipe()} /> : null}
    </Layout>
  );
}

/** "Schritt 2 von 4" above each question, so people know how much is left. */
function StepIndicator({ state }: { readonly state: FlowState }) {
  const { t } = useTranslation();
  const step = questionStep(state);
  if (!step) return null;
  return (
    <p className="kern-body step-indicator" data-testid="step">
      {t('steps.of', { n: step.n, total: step.total })}
    </p>
  );
}
