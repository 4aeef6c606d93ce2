// "A+" (larger text) and "Kontrast" in the header of every screen: toggle buttons with
// aria-pressed, big enough to tap, in the tab order. They change only how the screen looks, never
// what was entered; the wipe resets them (app/use-display-options.ts).
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';

export function DisplayToggles() {
  const { t } = useTranslation();
  const { display, setDisplay } = useKiosk();
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kiosk-btn header-tool"
        data-action="text-size"
        aria-pressed={display.largeText}
        onClick={() => setDisplay({ ...display, largeText: !display.largeText })}
      >
        <span className="kern-label">
          <span aria-hidden="true" className="header-tool__sign" lang="en" dir="ltr">
            A+
          </span>
          {t('display.textSize')}
        </span>
      </button>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kiosk-btn header-tool"
        data-action="contrast"
        aria-pressed={display.contrast}
        onClick={() => setDisplay({ ...display, contrast: !display.contrast })}
      >
        <span className="kern-label">
          <span aria-hidden="true" className="header-tool__sign">
            ◐
          </span>
          {t('display.contrast')}
        </span>
      </button>
    </>
  );
}
