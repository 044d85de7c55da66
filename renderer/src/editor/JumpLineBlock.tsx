import './jump-lines.css';

import type { JumpLine } from '../../../shared/model';
import { useI18n } from '../app/i18n/i18n';

const DIRECTION_TEXT = { from: '上接', to: '下转' } as const;

/** The printed jump line: "（下转B7版）", "（上接B5版）" (full-width brackets, domain §1). */
export function jumpLineText(jump: Pick<JumpLine, 'direction' | 'page'>): string {
  return `（${DIRECTION_TEXT[jump.direction]}${jump.page || '…'}版）`;
}

/**
 * The story's jump lines as the page prints them: 上接 above the body, 下转 below
 * it. Not part of the Lexical document: the data is story.jumps, edited in the
 * jumps panel; here it is only shown, where it will stand on the page, so the
 * reporter never types it as loose text.
 */
export function JumpLineBlock({
  jumps,
  direction,
}: {
  jumps: readonly JumpLine[];
  direction: JumpLine['direction'];
}) {
  const { t } = useI18n();
  const shown = jumps.filter((j) => j.direction === direction);
  if (shown.length === 0) return null;
  return (
    <div
      className={`jump-block jump-${direction}`}
      data-testid={`jump-block-${direction}`}
      aria-label={t('jumps.blockLabel')}
      contentEditable={false}
    >
      {shown.map((jump) => (
        <p key={jump.id} className="jump-line" data-testid="jump-line">
          {jumpLineText(jump)}
        </p>
      ))}
    </div>
  );
}
