import type { RefObject } from 'react';

import type { StoryContent } from '../../../shared/model';
import { useI18n, type MessageKey } from '../app/i18n/i18n';
import { useInvalid } from './field-issues';

type Key = 'kicker' | 'headline' | 'subheadline' | 'dateline';

const FIELDS: ReadonlyArray<{ key: Key; max: number; placeholder: MessageKey; label: MessageKey }> = [
  { key: 'kicker', max: 200, label: 'story.kicker', placeholder: 'story.kickerPlaceholder' },
  { key: 'headline', max: 200, label: 'story.headline', placeholder: 'story.headlinePlaceholder' },
  { key: 'subheadline', max: 300, label: 'story.subheadline', placeholder: 'story.subheadlinePlaceholder' },
  { key: 'dateline', max: 60, label: 'story.dateline', placeholder: 'story.datelinePlaceholder' },
];

function HeadField(props: {
  name: Key;
  label: string;
  placeholder: string;
  max: number;
  value: string;
  readOnly: boolean;
  onChange: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const invalid = useInvalid(props.name);
  return (
    <label className={`head-field head-${props.name}`}>
      <span className="head-label">{props.label}</span>
      <input
        ref={props.inputRef}
        data-testid={`field-${props.name}`}
        className={invalid ? 'invalid' : ''}
        aria-invalid={invalid}
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.max}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** The headline block as the page prints it: 引题 small above, 主题 large, 副题, then 电头. */
export function HeadlineFields({
  draft,
  update,
  readOnly,
  headlineRef,
}: {
  draft: StoryContent;
  update: (patch: Partial<StoryContent>) => void;
  readOnly: boolean;
  headlineRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  return (
    <div className="headline-block">
      {FIELDS.map((f) => (
        <HeadField
          key={f.key}
          name={f.key}
          label={t(f.label)}
          placeholder={t(f.placeholder)}
          max={f.max}
          value={draft[f.key]}
          readOnly={readOnly}
          inputRef={f.key === 'headline' ? headlineRef : undefined}
          onChange={(value) => update({ [f.key]: value })}
        />
      ))}
    </div>
  );
}
