// Where the Genesenen-ID is on the health office's letter: a small drawing of a letter
// with the ID's place highlighted. The drawing is German like the letter itself, left to right.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function LetterIllustration({ example }: { readonly example: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <svg className="letter-illustration" viewBox="0 0 210 150" role="img" aria-labelledby={titleId} direction="ltr">
      <title id={titleId}>{t('id.letterLabel')}</title>
      <rect x="1" y="1" width="208" height="148" rx="4" fill="#ffffff" stroke="#454b6b" strokeWidth="2" />
      <text x="12" y="22" fontSize="11" fontWeight="600" fill="#131525" lang="de">
        {t('id.letterHeading')}
      </text>
      {[40, 50, 60].map((y) => (
        <rect key={y} x="12" y={y} width="70" height="4" fill="#c0c3d5" />
      ))}
      <rect x="112" y="10" width="90" height="42" rx="3" fill="#ffe7b6" stroke="#925400" strokeWidth="3" />
      <text x="118" y="25" fontSize="9" fill="#131525" lang="de">
        {t('id.letterId')}
      </text>
      <text x="118" y="43" fontSize="11" fontWeight="700" fill="#131525" fontFamily="monospace">
        {example}
      </text>
      {[78, 88, 98, 108, 118, 128].map((y, i) => (
        <rect key={y} x="12" y={y} width={i % 2 ? 150 : 186} height="4" fill="#c0c3d5" />
      ))}
    </svg>
  );
}
