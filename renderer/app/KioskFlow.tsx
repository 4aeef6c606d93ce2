// The citizen flow's screens and side effects: which screen shows, the calls to core
// (issue / clerkReissue / endSession / clerkLock), the idle timeout and the wipe. The wipe is the
// one path out of a session — Finish, idle expiry and "start over" all end here: core forgets
// held certificates and any clerk unlock (endSession), React state returns to INITIAL_FLOW, the
// language returns to the default.
import { useCallback, useEffect, useReducer, useRef, useState, type ReactElement } from 'react';
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import type { Result } from '../../core/result';
import { IdleDialog } from '../components/IdleDialog';
import { Layout } from '../components/Layout';
import { ClerkPinScreen } from '../screens/ClerkPinScreen';
import { ClerkStatusScreen } from '../screens/ClerkStatusScreen';
import { DobScreen } from '../screens/DobScreen';
import { IdScreen } from '../screens/IdScreen';
import { NameScreen } from '../screens/NameScreen';
import { ReasonScreen } from '../screens/ReasonScreen';
import { RefusalScreen } from '../screens/RefusalScreen';
import { ResultScreen } from '../screens/ResultScreen';
import { SummaryScreen } from '../screens/SummaryScreen';
import { WelcomeScreen } from '../screens/WelcomeScreen';
import { WorkingScreen } from '../screens/WorkingScreen';
import { composeDob } from './entry-format';
import { flowReducer, holdsSomething, INITIAL_FLOW, type Entry, type FlowState } from './flow';
import { useKiosk } from './kiosk-context';
import { useIdle } from './use-idle';

export function KioskFlow() {
  const { bridge, info, language, languages, setLanguage } = useKiosk();
  const [state, dispatch] = useReducer(flowReducer, INITIAL_FLOW);
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
    dispatch({ type: 'wipe' });
    setSession((n) => n + 1);
    setLanguage(languages[0] ?? 'de');
    if (token) await bridge.clerkLock({ token });
    await bridge.endSession({});
  }, [bridge, languages, setLanguage]);

  const runIssue = useCallback(async () => {
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
        ? await bridge.clerkReissue({ ...request, token: s.clerkToken, reason: s.entry.reason.trim() })
        : { ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } };
    } else {
      result = await bridge.issue(request);
    }
    // The person may have left meanwhile (idle wipe): drop a late answer.
    if (stateRef.current.screen !== 'working') return;
    dispatch(result.ok ? { type: 'issued', certificate: result.value } : { type: 'refused', error: result.error });
  }, [bridge, language]);

  const lock = useCallback(async () => {
    const token = stateRef.current.clerkToken;
    dispatch({ type: 'clerkLocked' });
    if (token) await bridge.clerkLock({ token });
    await bridge.endSession({});
  }, [bridge]);

  const idle = useIdle({
    enabled: holdsSomething(state) || language !== (languages[0] ?? 'de'),
    timeoutSeconds: info.idleTimeoutSeconds,
    warningSeconds: info.idleWarningSeconds,
    onExpire: () => void wipe(),
  });

  const err = state.error;
  const edit = (patch: Partial<Entry>) => dispatch({ type: 'edit', patch });
  const next = () => dispatch({ type: 'next' });
  const back = () => dispatch({ type: 'back' });

  let screen: ReactElement;
  switch (state.screen) {
    case 'welcome':
      screen = <WelcomeScreen onStart={() => dispatch({ type: 'start' })} />;
      break;
    case 'id':
      screen = <IdScreen value={state.entry.id} initialError={err} onChange={(id) => edit({ id })} onNext={next} onBack={back} />;
      break;
    case 'name':
      screen = (
        <NameScreen
          value={state.entry.familyName}
          initialError={err}
          onChange={(familyName) => edit({ familyName })}
          onNext={next}
          onBack={back}
        />
      );
      break;
    case 'dob':
      screen = (
        <DobScreen value={state.entry.dob} initialError={err} onChange={(dob) => edit({ dob })} onNext={next} onBack={back} />
      );
      break;
    case 'reason':
      screen = <ReasonScreen value={state.entry.reason} onChange={(reason) => edit({ reason })} onNext={next} onBack={back} />;
      break;
    case 'summary':
      screen = (
        <SummaryScreen
          entry={state.entry}
          reissue={state.mode === 'reissue'}
          onChange={(target) => dispatch({ type: 'change', screen: target })}
          onConfirm={() => void runIssue()}
          onBack={back}
        />
      );
      break;
    case 'working':
      screen = <WorkingScreen />;
      break;
    case 'result':
      screen = state.certificate ? (
        <ResultScreen certificate={state.certificate} onFinish={() => void wipe()} />
      ) : (
        <WorkingScreen />
      );
      break;
    case 'refusal':
      screen = (
        <RefusalScreen
          error={err ?? { code: 'INTERNAL' }}
          clerkActive={state.clerkToken !== null}
          onRetry={() => void runIssue()}
          onCheckEntries={() => dispatch({ type: 'checkEntries' })}
          onReissue={() => dispatch({ type: 'clerkReissue' })}
          onStartOver={() => void wipe()}
        />
      );
      break;
    case 'clerkPin':
      screen = (
        <ClerkPinScreen
          onUnlocked={(token) => dispatch({ type: 'clerkUnlocked', token })}
          onCancel={() => dispatch({ type: 'cancelClerk' })}
        />
      );
      break;
    case 'clerkStatus':
      screen = state.clerkToken ? (
        <ClerkStatusScreen
          token={state.clerkToken}
          onWalkIn={() => dispatch({ type: 'clerkWalkIn' })}
          onReissue={() => dispatch({ type: 'clerkReissue' })}
          onLock={() => void lock()}
        />
      ) : (
        <WelcomeScreen onStart={() => dispatch({ type: 'start' })} />
      );
      break;
  }

  return (
    <Layout
      key={session}
      issuer={info.issuer}
      demo={info.demoMode}
      clerkActive={state.clerkToken !== null}
      onClerkOpen={() => dispatch({ type: 'openClerk' })}
      onClerkMenu={() => dispatch({ type: 'clerkMenu' })}
      onClerkLock={() => void lock()}
    >
      {/* key: a new screen is a new component, so its heading takes focus and local state resets */}
      <div key={`${state.screen}-${state.mode}`} className="screen-host" data-screen={state.screen}>
        {screen}
      </div>
      {idle.warningRemaining !== null ? (
        <IdleDialog remaining={idle.warningRemaining} onMore={idle.extend} onEnd={() => void wipe()} />
      ) : null}
    </Layout>
  );
}
