// Screen 2: the Genesenen-ID from the letter. On-screen keyboard with only the ID's
// characters, or a physical keyboard / hand scanner (typing + Enter). As soon as the ID is
// complete, core checks its check character (kiosk.validateId) and a wrong one is reported at
// once — no lookup at the health office is made for a mistyped ID.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { cleanIdInput, displayId } from '../app/entry-format';
import { useKiosk } from '../app/kiosk-context';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { IdKeyboard } from '../components/IdKeyboard';
import { LetterIllustration } from '../components/LetterIllustration';
import { NavBar } from '../components/NavBar';
import { ScreenHeading } from '../components/ScreenHeading';

/** Letters an ID never contains, typed on a physical keyboard: the digit each one stands for. Core
 * reads them as that digit already (core/id/genesenen-id.ts); the hint says so, so nobody hunts
 * for an O key. */
const LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** The last look-alike letter typed, or null. */
function lastLookalike(value: string): string | null {
  const found = [...value].reverse().find((ch) => ch in LOOKALIKES);
  return found ?? null;
}

/** Unicode isolate so an ID like 0123-4567-89AB keeps its order inside right-to-left text. */
const isolateLtr = (text: string) => `\u2066${text}\u2069`;

export interface IdScreenProps {
  readonly value: string;
  readonly initialError: AppError<string> | null;
  readonly onChange: (clean: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  /** First question of the flow: Back reads "Cancel" (the caller asks before wiping). */
  readonly cancel?: boolean;
}

type Check = { readonly id: string; readonly code: string | null };

export function IdScreen({ value, initialError, onChange, onNext, onBack, cancel }: IdScreenProps) {
  const { t } = useTranslation();
  const { bridge, info, idShape } = useKiosk();
  const [check, setCheck] = useState<Check | null>(initialError ? { id: value, code: initialError.code } : null);
  const [showIncomplete, setShowIncomplete] = useState(false);
  const complete = value.length === idShape.length;

  useEffect(() => {
    if (!complete || check?.id === value) return;
    let current = true;
    void bridge.validateId({ genesenenId: value }).then((r) => {
      if (current) setCheck({ id: value, code: r.ok ? null : r.error.code });
    });
    return () => {
      current = false;
    };
  }, [bridge, complete, value, check?.id]);

  const update = (next: string) => {
    setShowIncomplete(false);
    onChange(cleanIdInput(next, idShape));
  };
  // A scanner sends Enter right after the last character: check now if the live check is not back yet.
  const submit = async () => {
    if (!complete) return setShowIncomplete(true);
    let code = check?.id === value ? check.code : undefined;
    if (code === undefined) {
      const r = await bridge.validateId({ genesenenId: value });
      code = r.ok ? null : r.error.code;
      setCheck({ id: value, code });
    }
    if (code === null) onNext();
  };
  useTyping({
    onChar: (ch) => update(value + ch),
    onBackspace: () => update(value.slice(0, -1)),
    onEnter: () => void submit(),
  });

  const checked = check?.id === value ? check : null;
  const lookalike = lastLookalike(value);
  const errorCode = showIncomplete ? 'ID_FORMAT' : (checked?.code ?? null);

  return (
    <section className="screen screen--id">
      <ScreenHeading>{t('id.title')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <div className="id-hint">
            <LetterIllustration example={info.idExample} />
            <p id="id-hint" className="kern-body kern-body--large">
              {t('id.hint', { example: isolateLtr(info.idExample) })} {t('id.scanner')}
            </p>
          </div>
          <div className="kern-form-input field">
            <label className="kern-label kern-label--large" htmlFor="genesenen-id">
              {t('id.label')}
            </label>
            <input
              id="genesenen-id"
              className={`kern-form-input__input kiosk-input kiosk-input--id${errorCode ? ' kern-form-input__input--error' : ''}`}
              value={displayId(value, idShape)}
              onChange={(e) => update(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void submit()}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              dir="ltr"
              aria-describedby="id-hint id-status"
              aria-invalid={errorCode ? true : undefined}
            />
          </div>
          <div id="id-status" aria-live="polite" className="field-status">
            {errorCode ? (
              <Alert tone="danger">{t(`errors.${errorCode}`, { total: idShape.length })}</Alert>
            ) : checked ? (
              <Alert tone="success">{t('id.complete')}</Alert>
            ) : lookalike ? (
              <Alert tone="info">
                <span data-testid="id-lookalike">
                  {t('id.lookalike', { letter: lookalike, digit: LOOKALIKES[lookalike] })}
                </span>
              </Alert>
            ) : (
              <p className="kern-body">{t('id.progress', { typed: value.length, total: idShape.length })}</p>
            )}
          </div>
        </div>
        <div className="screen__keys">
          <IdKeyboard
            onChar={(ch) => update(value + ch)}
            onBackspace={() => update(value.slice(0, -1))}
            onClear={() => update('')}
          />
        </div>
      </div>
      <NavBar onBack={onBack} onNext={() => void submit()} cancel={cancel ?? false} />
    </section>
  );
}
