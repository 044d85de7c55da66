import './photo-view.css';

import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import type { NodeKey } from 'lexical';
import { useState } from 'react';

import { photoCreditText } from '../../../../shared/format/photo-credit';
import { useI18n } from '../../app/i18n/i18n';
import { photoUrl } from '../../platform/desk-client';
import { usePhoto } from '../photos-context';

/** The photo as the body shows it: the image, then caption and credit as printed. */
export function PhotoView({ photoId, nodeKey }: { photoId: string; nodeKey: NodeKey }) {
  const { t } = useI18n();
  const photo = usePhoto(photoId);
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const [brokenFile, setBrokenFile] = useState<string | null>(null);

  const select = () => {
    clearSelection();
    setSelected(true);
  };

  if (!photo) {
    return (
      <figure className="photo-figure missing" data-testid="body-photo" data-photo-id={photoId}>
        <figcaption>{t('photos.missing')}</figcaption>
      </figure>
    );
  }
  const credit = photo.creditName.trim() ? photoCreditText(photo) : '';
  return (
    <figure
      className={`photo-figure${isSelected ? ' selected' : ''}`}
      data-testid="body-photo"
      data-photo-id={photoId}
      onClick={select}
    >
      {brokenFile === photo.file ? (
        <div className="photo-broken" role="img" aria-label={t('photos.broken', { file: photo.file })}>
          {t('photos.broken', { file: photo.file })}
        </div>
      ) : (
        <img
          src={photoUrl(photo.file)}
          alt={t('photos.alt', { caption: photo.caption.slice(0, 40) })}
          draggable={false}
          onError={() => setBrokenFile(photo.file)}
        />
      )}
      <figcaption>
        {/* Missing parts show as a note, so a photo without a caption is seen in the text too. */}
        {photo.caption.trim() ? (
          <span className="photo-caption-text">{photo.caption}</span>
        ) : (
          <span className="photo-caption-text photo-part-missing">{t('photos.captionMissing')}</span>
        )}
        {credit ? (
          <span className="photo-credit-text">{credit}</span>
        ) : (
          <span className="photo-credit-text photo-part-missing">{t('photos.creditMissing')}</span>
        )}
      </figcaption>
    </figure>
  );
}
