import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { Field, Panel } from './Field';
import type { PanelProps } from './panel-props';
import { SplitInput } from './SplitInput';

const SIX_DIGITS = /^\d{6}$/;

/**
 * The story's GB/T 2260 division as code + name path (domain §5). A picker over
 * the official list comes later; for now both are typed and the code is checked.
 */
export function RegionPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const region = draft.region;
  const code = region?.code ?? '';
  const path = region?.path ?? [];
  const codeInvalid = useInvalid('region.code') || (code !== '' && !SIX_DIGITS.test(code));
  const pathInvalid = useInvalid('region.path');

  const set = (nextCode: string, nextPath: string[]) =>
    update({ region: nextCode === '' && nextPath.length === 0 ? null : { code: nextCode, path: nextPath } });

  return (
    <Panel title={t('panel.region')} testId="panel-region">
      <Field label={t('region.code')} wide>
        <input
          data-testid="region-code"
          inputMode="numeric"
          className={codeInvalid ? 'invalid' : ''}
          aria-invalid={codeInvalid}
          aria-describedby={codeInvalid ? 'region-code-error' : undefined}
          placeholder={t('region.codePlaceholder')}
          value={code}
          maxLength={6}
          disabled={readOnly}
          onChange={(e) => set(e.target.value.trim(), path)}
        />
      </Field>
      {codeInvalid && (
        <div id="region-code-error" className="field-error" data-testid="region-code-error">
          {t('region.codeInvalid')}
        </div>
      )}
      <Field label={t('region.path')} wide>
        <SplitInput
          data-testid="region-path"
          className={pathInvalid ? 'invalid' : ''}
          aria-invalid={pathInvalid}
          placeholder={t('region.pathPlaceholder')}
          parts={path}
          disabled={readOnly}
          onParts={(parts) => set(code, parts)}
        />
      </Field>
      {pathInvalid && <div className="field-error">{t('region.pathMissing')}</div>}
      {region && (
        <div className="panel-actions">
          <button
            type="button"
            className="link"
            data-testid="region-clear"
            disabled={readOnly}
            onClick={() => update({ region: null })}
          >
            {t('region.clear')}
          </button>
        </div>
      )}
    </Panel>
  );
}
