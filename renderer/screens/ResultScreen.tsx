// Screen 7: the certificate. The QR (drawn here as an inline SVG from the core's module path, so
// no markup from outside the renderer runs in the page and no image waits to be decoded) is large and centred on a white field with a quiet
// zone — at least 60 % of the screen's short side, for a phone held at arm's length. Name and
// validity in plain text, print buttons for the configured formats, app instructions, Finish.
// A printer problem is a message here; the QR stays on screen.
//
// The QR comes first (docs/performance.md, "Confirm → QR"): the first commit holds the heading and
// the QR only, so the person's wait ends with the smallest render, style and layout; the details
// and buttons follow once the QR's frame is painted (a frame later). The
// QR never moves when they arrive: it sits above them (portrait) or in its own column (landscape).
// Until then the screen is aria-busy and data-pending; the e2e waits wait for a screen without
// data-pending (tests/e2e/support/waits.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCertificate, PrintFormat, QrSymbol } from '../../core/api/kiosk-api';
import { formatIsoDate } from '../app/entry-format';
import { useKiosk } from '../app/kiosk-context';
import { Alert } from '../components/Alert';
import { AcceptedUntil } from '../components/AcceptedUntil';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

type PrintState = { kind: 'idle' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; code: string };

export interface ResultScreenProps {
  readonly certificate: IssuedCertificate;
  readonly onFinish: () => void;
}

export function ResultScreen({ certificate, onFinish }: ResultScreenProps) {
  const { t } = useTranslation();
  const { bridge, language } = useKiosk();
  const [print, setPrint] = useState<PrintState>({ kind: 'idle' });
  const [complete, setComplete] = useState(false);
  useEffect(() => {
    let timer: number | undefined;
    // The frame that paints the QR, then the task after it.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setComplete(true), 0);
    });
    // Never held up where no frame comes (a hidden window gets no animation frames).
    const fallback = window.setTimeout(() => setComplete(true), REST_AT_LATEST_MS);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      window.clearTimeout(fallback);
    };
  }, []);

  const doPrint = async (format: PrintFormat) => {
    setPrint({ kind: 'printing' });
    const r = await bridge.print({ certificateId: certificate.certificateId, format, lang: language });
    setPrint(r.ok ? { kind: 'done' } : { kind: 'failed', code: r.error.code });
  };

  return (
    <section
      className="screen screen--result"
      aria-busy={complete ? undefined : true}
      data-pending={complete ? undefined : 'details'}
    >
      <ScreenHeading>{certificate.reissue ? t('result.titleReissue') : t('result.title')}</ScreenHeading>
      {certificate.demo ? (
        <p className="demo-stamp" role="note">
          {t('app.demoBanner')}
        </p>
      ) : null}
      <div className="result">
        <div className="result__qr">
          <QrImage symbol={certificate.qr} label={t('result.qrAlt')} />
        </div>
        {complete ? (
          <ResultDetails certificate={certificate} onFinish={onFinish} print={print} onPrint={doPrint} />
        ) : null}
      </div>
    </section>
  );
}

const REST_AT_LATEST_MS = 500;

/** One white square and one path: the quiet zone and the dark modules, in module units. */
function QrImage({ symbol, label }: { readonly symbol: QrSymbol; readonly label: string }) {
  const { side, darkPath } = symbol;
  return (
    <svg
      className="qr-image"
      role="img"
      aria-label={label}
      data-testid="certificate-qr"
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      <path fill="#000" d={darkPath} />
    </svg>
  );
}

function ResultDetails({
  certificate,
  onFinish,
  print,
  onPrint,
}: ResultScreenProps & { readonly print: PrintState; readonly onPrint: (format: PrintFormat) => Promise<void> }) {
  const { t } = useTranslation();
  const { info, locale } = useKiosk();
  const name = [certificate.givenName, certificate.familyName].filter((s) => s.trim() !== '').join(' ');
  return (
    <div className="result__details">
      <p className="kern-body kern-body--large result__scan">{t('result.scan')}</p>
      <section className="howto" aria-labelledby="howto-title">
        <h2 id="howto-title" className="kern-heading-small">
          {t('result.howToTitle')}
        </h2>
        <ul className="kern-list kern-list--bullet">
          <li className="kern-body">{t('result.cwa')}</li>
          <li className="kern-body">{t('result.covpass')}</li>
        </ul>
      </section>
      {/* Values in <bdi>: Latin names and dates keep their order inside Arabic text. */}
      <dl className="result-facts">
        <div>
          <dt className="kern-label">{t('result.name')}</dt>
          <dd>
            <bdi data-testid="certificate-name">{name}</bdi>
          </dd>
        </div>
        <div>
          <dt className="kern-label">{t('result.dob')}</dt>
          <dd>
            <bdi>{formatIsoDate(certificate.dateOfBirth, locale)}</bdi>
          </dd>
        </div>
        <div>
          <dt className="kern-label">{t('result.validFrom')}</dt>
          <dd>
            <bdi>{formatIsoDate(certificate.validFrom, locale)}</bdi>
          </dd>
        </div>
        <div>
          <dt className="kern-label">{t('result.validUntil')}</dt>
          <dd>
            <bdi data-testid="certificate-valid-until">{formatIsoDate(certificate.validUntil, locale)}</bdi>
          </dd>
        </div>
        <AcceptedUntil acceptance={certificate.acceptance} locale={locale} />
        <div>
          <dt className="kern-label">{t('result.issuer')}</dt>
          <dd>
            <bdi>{certificate.issuer}</bdi>
          </dd>
        </div>
      </dl>
      <div aria-live="polite" className="field-status">
        {print.kind === 'printing' ? <Alert tone="info">{t('result.printing')}</Alert> : null}
        {print.kind === 'done' ? <Alert tone="success">{t('result.printed')}</Alert> : null}
        {print.kind === 'failed' ? (
          <Alert tone="danger" title={t('printError.title')}>
            {t(`errors.${print.code}`)} {t('printError.next')}
          </Alert>
        ) : null}
      </div>
      <div className="result__actions">
        {info.printFormats.map((format) => (
          <KioskButton
            variant="secondary"
            action={`print-${format}`}
            key={format}
            disabled={print.kind === 'printing'}
            onClick={() => void onPrint(format)}
          >
            {format === 'receipt' ? t('result.printReceipt') : t('result.printA4')}
          </KioskButton>
        ))}
        <KioskButton variant="primary" action="finish" onClick={onFinish}>
          {t('result.finish')}
        </KioskButton>
      </div>
    </div>
  );
}
