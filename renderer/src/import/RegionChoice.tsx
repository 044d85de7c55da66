/**
 * The import asking which division a story's region is (issue 19 §5): the front
 * matter named a place several GB/T 2260 divisions share (`region: 白云区`), so the
 * story was imported without a region. Each choice shows its parents; picking one
 * saves it as the story's region: through the editor when the story is open there
 * (changeOpenStory), else a normal save over the imported revision.
 */
import { useState } from 'react';

import { contentOf, type Region } from '../../../shared/model';
import { describeError } from '../app/describe-error';
import { useI18n } from '../app/i18n/i18n';
import { changeOpenStory, savedElsewhere } from '../editor/story-draft';
import { desk } from '../platform/desk-client';

type Props = { storyId: string; value: string; choices: readonly Region[] };

type State =
  | { step: 'asking' }
  | { step: 'saving'; code: string }
  | { step: 'done'; region: Region }
  | { step: 'failed'; message: string };

export function RegionChoice({ storyId, value, choices }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<State>({ step: 'asking' });

  const pick = async (region: Region) => {
    setState({ step: 'saving', code: region.code });
    try {
      // Open in the editor (the import opens the first story): the editor saves it as an edit.
      const edited = await changeOpenStory(storyId, { region });
      if (edited === false) throw new Error(t('import.regionNotSaved'));
      if (edited === null) {
        const story = await desk['stories.get']({ id: storyId });
        const saved = await desk['stories.save']({
          id: storyId,
          baseRev: story.rev,
          content: { ...contentOf(story), region },
        });
        await savedElsewhere(storyId, saved.rev);
      }
      setState({ step: 'done', region });
    } catch (err) {
      setState({ step: 'failed', message: describeError(err, i18n).message });
    }
  };

  if (state.step === 'done') {
    return (
      <p className="import-region-picked" role="status" data-testid="import-region-picked">
        {t('import.regionPicked', { region: state.region.path.join(''), code: state.region.code })}
      </p>
    );
  }
  return (
    <div className="import-region-choice">
      <ul
        className="import-region-choices"
        aria-label={t('import.regionChoicesLabel', { value })}
        data-testid="import-region-choices"
      >
        {choices.map((region) => (
          <li key={region.code}>
            <button
              type="button"
              data-testid="import-region-choice"
              data-code={region.code}
              disabled={state.step === 'saving'}
              onClick={() => void pick(region)}
            >
              <span className="import-region-parents">{region.path.slice(0, -1).join(' · ')}</span>{' '}
              <strong>{region.path[region.path.length - 1]}</strong>{' '}
              <span className="import-region-code">{region.code}</span>
            </button>
          </li>
        ))}
      </ul>
      {state.step === 'failed' && (
        <p className="import-region-failed" role="alert" data-testid="import-region-failed">
          {t('import.regionPickFailed', { message: state.message })}
        </p>
      )}
    </div>
  );
}
