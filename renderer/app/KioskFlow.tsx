// The citizen flow's side effects: the calls to core (issue / clerkReissue), the idle timeout, the
// confirmations, audio mode and the clerk's session. Every way a person leaves goes through
// endPerson (use-end-person.ts); the reducer (flow.ts) makes every arrival on the welcome screen the
// initial state, so no path back to the start keeps a person's entries. A clerk's session is kept
// alive by typing (use-clerk-session.ts); when it ends, the PIN is asked again in a dialog and the
// entries stay (docs/configuration.md, "Clerk session").
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
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
import {
  clerkTokenOf,
  flowReducer,
  holdsSomething,
  INITIAL_FLOW,
  modeOf,
  questionStep,
  submissionOf,
  type FlowState,
} from './flow';
import { FlowScreen } from './FlowScreen';
import { useKiosk } from './kiosk-context';
import { useClerkSession } from './use-clerk-session';
import { platformSpeaker } from './speech-output';
import { useIdle } from './use-idle';
import { useEndPerson } from './use-end-person';
import { useSpeechOutput } from './use-speech-output';

type Question = 'cancel' | 'finish' | null;

export function KioskFlow() {
  const { t } = useTranslation();
  const { bridge, info, language, languages, display, setDisplay } = useKiosk();
  const [state, dispatch] = useReducer(flowReducer, INITIAL_FLOW);
  const [question, setQuestion] = useState<Question>(null);
  const stateRef = useRef<FlowState>(state);
  stateRef.current = state;
  const { endPerson, generation } = useEndPerson(dispatch, stateRef);
  const leave = useCallback(() => {
    setQuestion(null);
    void endPerson();
  }, [endPerson]);

  const cancel = useCallback(() => {
    setQuestion(null);
    // A clerk's walk-in goes back to the clerk menu (the clerk stays signed in); a citizen leaves.
    if (clerkTokenOf(stateRef.current)) dispatch({ type: 'cancel' });
    else leave();
  }, [leave]);

  const runIssue = useCallback(
    async (confirmedBy?: { clerkId: string; pin: string }, acceptShortAcceptance = false) => {
      const s = submissionOf(stateRef.current);
      if (!s) return;
      dispatch({ type: 'submit' });
      const dob = composeDob(s.entry.dob);
      const request = {
        genesenenId: s.entry.id,
        familyName: s.entry.familyName,
        dateOfBirth: dob.ok ? dob.value : '',
        lang: language,
      };
      // A reissue carries the clerk's token by its type: it never falls back to an ordinary issue.
      const result: Result<IssuedCertificate> =
        s.mode === 'reissue'
          ? await bridge.clerkReissue({
              ...request,
              token: s.clerkToken,
              reason: s.entry.reason.trim(),
              ...(confirmedBy ? { confirmedBy } : {}),
            })
          : // After SHORT_ACCEPTANCE the citizen's "issue anyway" goes with the same entries.
            await bridge.issue(acceptShortAcceptance ? { ...request, acceptShortAcceptance } : request);
      // The person may have left meanwhile (idle wipe): drop a late answer.
      if (stateRef.current.screen !== 'working') return;
      dispatch(result.ok ? { type: 'issued', certificate: result.value } : { type: 'refused', error: result.error });
    },
    [bridge, language],
  );

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
    onExpire: leave,
  });
  const warning = idle.warningRemaining !== null;
  const clerkToken = clerkTokenOf(state);
  const clerkSession = useClerkSession(bridge, clerkToken);
  const reauth = clerkSession.expired && !warning;

  return (
    <Layout
      key={generation}
      issuer={info.issuer}
      demo={showsDemoBanner(info)}
      clerkActive={clerkToken !== null}
      onClerkOpen={() => dispatch({ type: 'openClerk' })}
      onClerkMenu={() => dispatch({ type: 'clerkMenu' })}
      onClerkLock={leave}
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
      <div key={`${state.screen}-${modeOf(state)}`} className="screen-host" data-screen={state.screen}>
        <StepIndicator state={state} />
        <FlowScreen
          state={state}
          dispatch={dispatch}
          onCancel={() => setQuestion('cancel')}
          onFinish={() => setQuestion('finish')}
          onIssue={(confirmedBy) => void runIssue(confirmedBy)}
          onIssueAnyway={() => void runIssue(undefined, true)}
          onAbandon={cancel}
          onStartOver={leave}
          onLock={leave}
        />
      </div>
      {question === 'cancel' && !warning && !reauth ? (
        <ConfirmDialog
          action="cancel-confirm"
          title={t('cancel.title')}
          confirmLabel={t('cancel.confirm')}
          keepLabel={t('cancel.keep')}
          onConfirm={cancel}
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
          onConfirm={leave}
          onKeep={() => setQuestion(null)}
        >
          {t('finish.text')}
        </ConfirmDialog>
      ) : null}
      {reauth ? (
        <ClerkReauthDialog onUnlocked={(token) => dispatch({ type: 'clerkRenewed', token })} onLock={leave} />
      ) : null}
      {warning ? <IdleDialog remaining={idle.warningRemaining} onMore={idle.extend} onEnd={leave} /> : null}
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
