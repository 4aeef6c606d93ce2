// Screen 3: the family name, as on the letter. On-screen keyboard with umlauts and ß
// and pages for other alphabets; a physical keyboard works too. Only letters, spaces, hyphens,
// apostrophes and dots are accepted; the match itself (Müller = Mueller = MÜLLER) is core's job.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { cleanNameInput } from '../app/entry-format';
import { TextEntryScreen } from '../components/TextEntryScreen';

export interface NameScreenProps {
  readonly value: string;
  readonly initialError: AppError<string> | null;
  readonly onChange: (value: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

export function NameScreen({ value, initialError, onChange, onNext, onBack }: NameScreenProps) {
  const { t } = useTranslation();
  const [errorCode, setErrorCode] = useState<string | null>(initialError?.code ?? null);
  const update = (next: string) => {
    setErrorCode(null);
    onChange(cleanNameInput(next));
  };
  const submit = () => {
    if (!/\p{L}/u.test(value)) return setErrorCode('NAME_INVALID');
    onChange(value.trim());
    onNext();
  };
  return (
    <TextEntryScreen
      name="name"
      inputId="family-name"
      title={t('name.title')}
      hint={t('name.hint')}
      label={t('name.label')}
      value={value}
      error={errorCode ? t(`errors.${errorCode}`) : null}
      onInput={update}
      onSubmit={submit}
      onBack={onBack}
    />
  );
}
