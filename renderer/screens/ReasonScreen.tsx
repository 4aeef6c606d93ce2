// Clerk reissue: the reason for issuing a certificate again for an ID that already has
// one. Core requires it (REASON_REQUIRED) and writes it to the audit log, so the hint asks for no
// health data. Typed on a physical keyboard or the on-screen one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REASON_MAX_LENGTH } from '../../core/limits';
import { TextEntryScreen } from '../components/TextEntryScreen';

export interface ReasonScreenProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

// The field's limit is the one the audit log keeps (core/limits.ts), so what the clerk types is
// exactly what is recorded, never silently cut.
const cleanReason = (raw: string) =>
  raw
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^\s+/u, '')
    .slice(0, REASON_MAX_LENGTH);

export function ReasonScreen({ value, onChange, onNext, onBack }: ReasonScreenProps) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  const update = (next: string) => {
    setMissing(false);
    onChange(cleanReason(next));
  };
  const submit = () => {
    if (value.trim().length < 3) return setMissing(true);
    onNext();
  };
  return (
    <TextEntryScreen
      name="reason"
      inputId="reissue-reason"
      title={t('reason.title')}
      hint={t('reason.hint')}
      label={t('reason.label')}
      value={value}
      error={missing ? t('errors.REASON_REQUIRED') : null}
      onInput={update}
      onSubmit={submit}
      onBack={onBack}
      capitals={false}
      counter={t('reason.counter', { n: value.length, max: REASON_MAX_LENGTH })}
    />
  );
}
