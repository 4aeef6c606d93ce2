// The inactivity warning (WCAG 2.2.1): a modal dialog with a visible countdown and a
// "More time" button that gets focus; "End now" wipes at once. Uses the native <dialog> so focus
// stays inside while it is open.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../app/entry-format';

export interface IdleDialogProps {
  readonly remaining: number;
  readonly onMore: () => void;
  readonly onEnd: () => void;
}

export function IdleDialog({ remaining, onMore, onEnd }: IdleDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    moreRef.current?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="kern-dialog kiosk-dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(e) => {
        e.preventDefault();
        onMore();
      }}
    >
      <header className="kern-dialog__header">
        <h2 id="idle-title" className="kern-title kern-title--large">
          {t('idle.title')}
        </h2>
      </header>
      <section className="kern-dialog__body">
        <p id="idle-text" className="kern-body kern-body--large">
          {t('idle.text')}
        </p>
        <p className="kern-body kern-body--large idle-countdown" role="timer" aria-live="off">
          {t('idle.remaining', { time: formatCountdown(remaining) })}
        </p>
      </section>
      <footer className="kern-dialog__footer">
        <button type="button" className="kern-btn kern-btn--secondary kiosk-btn" data-action="idle-end" onClick={onEnd}>
          <span className="kern-label">{t('idle.end')}</span>
        </button>
        <button
          ref={moreRef}
          type="button"
          className="kern-btn kern-btn--primary kiosk-btn"
          data-action="idle-more"
          onClick={onMore}
        >
          <span className="kern-label">{t('idle.more')}</span>
        </button>
      </footer>
    </dialog>
  );
}
