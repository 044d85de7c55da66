import './headline.css';

import { useLayoutEffect, useRef, type RefObject } from 'react';

import type { StoryContent } from '../../../shared/model';
import { headlineEndIssue, normaliseSubheadline } from '../../../shared/text/headline';
import { useI18n, type MessageKey } from '../app/i18n/i18n';
import { FieldCommentButton } from '../review/FieldCommentButton';
import { useInvalid } from './field-issues';

type Key = 'kicker' | 'headline' | 'subheadline' | 'dateline';

const FIELDS: ReadonlyArray<{
  key: Key;
  max: number;
  placeholder: MessageKey;
  label: MessageKey;
  /** A headline line: the end-of-line rules apply (domain §1). */
  headline: boolean;
}> = [
  { key: 'kicker', max: 200, label: 'story.kicker', placeholder: 'story.kickerPlaceholder', headline: true },
  {
    key: 'headline',
    max: 200,
    label: 'story.headline',
    placeholder: 'story.headlinePlaceholder',
    headline: true,
  },
  {
    key: 'subheadline',
    max: 300,
    label: 'story.subheadline',
    placeholder: 'story.subheadlinePlaceholder',
    headline: true,
  },
  {
    key: 'dateline',
    max: 60,
    label: 'story.dateline',
    placeholder: 'story.datelinePlaceholder',
    headline: false,
  },
];

const END_HINT = { period: 'headline.hintPeriod', comma: 'headline.hintComma' } as const;

/**
 * Where the caret goes after `before` became `after` by normalisation: the same
 * distance from the end, which is right for a prefix added or removed in front.
 */
function caretAfter(before: string, after: string, caret: number): number {
  return Math.max(0, Math.min(after.length, caret + after.length - before.length));
}

function HeadField(props: {
  name: Key;
  label: string;
  placeholder: string;
  max: number;
  value: string;
  readOnly: boolean;
  headline: boolean;
  onChange: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const invalid = useInvalid(props.name);
  const ownRef = useRef<HTMLInputElement | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const normalise = props.name === 'subheadline' ? normaliseSubheadline : null;

  // After a normalisation changed the text, put the caret back where the person was typing.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const input = ownRef.current;
    pendingCaret.current = null;
    if (caret !== null && input && document.activeElement === input) input.setSelectionRange(caret, caret);
  }, [props.value]);

  const commit = (raw: string, input: HTMLInputElement) => {
    const next = normalise ? normalise(raw) : raw;
    if (next !== raw) pendingCaret.current = caretAfter(raw, next, input.selectionStart ?? raw.length);
    props.onChange(next);
  };

  const issue = props.headline ? headlineEndIssue(props.value) : null;
  const hintId = `head-hint-${props.name}`;
  return (
    <>
      <label className={`head-field head-${props.name}`}>
        <span className="head-label">{props.label}</span>
        <input
          ref={(el) => {
            ownRef.current = el;
            if (props.inputRef) props.inputRef.current = el;
          }}
          data-testid={`field-${props.name}`}
          className={invalid ? 'invalid' : issue ? 'hinted' : ''}
          aria-invalid={invalid}
          aria-describedby={issue ? hintId : undefined}
          value={props.value}
          placeholder={props.placeholder}
          maxLength={props.max}
          disabled={props.readOnly}
          onChange={(e) => {
            // Never rewrite the value under an input method: the IME owns the text
            // until compositionend (issue 3, Chinese input).
            if ((e.nativeEvent as InputEvent).isComposing) props.onChange(e.target.value);
            else commit(e.target.value, e.target);
          }}
          onCompositionEnd={(e) => commit(e.currentTarget.value, e.currentTarget)}
        />
      </label>
      {props.name !== 'dateline' && <FieldCommentButton field={props.name} input={ownRef} />}
      {issue && (
        <p className="head-hint" id={hintId} data-testid={`hint-${props.name}`} role="status">
          {t(END_HINT[issue])}
        </p>
      )}
    </>
  );
}

/**
 * The headline block as the page prints it: 引题 small above, 主题 large, 副题, then
 * 电头. The 副题 always starts with one "——" (shared/text/headline.ts); the three
 * headline lines show a hint when they end with 。 or ，.
 */
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
          headline={f.headline}
          value={draft[f.key]}
          readOnly={readOnly}
          inputRef={f.key === 'headline' ? headlineRef : undefined}
          onChange={(value) => update({ [f.key]: value })}
        />
      ))}
    </div>
  );
}
