/**
 * Photos: import (file → base64 → 'photos.import'), caption and credit, order,
 * removal. The body is changed only through PhotoPlugin's commands.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useRef, useState } from 'react';

import { DeskError } from '../../../shared/api';
import { PHOTO_CREDIT_KINDS, type Photo } from '../../../shared/model';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { INSERT_PHOTO_COMMAND, REMOVE_PHOTO_COMMAND } from '../editor/plugins/PhotoPlugin/PhotoPlugin';
import { desk, photoUrl } from '../platform/desk-client';
import { readFileAsBase64 } from '../platform/read-file';
import { Field, moveItem, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

function PhotoItem({
  photo,
  index,
  count,
  inBody,
  readOnly,
  onChange,
  onMove,
  onRemove,
  onInsert,
}: {
  photo: Photo;
  index: number;
  count: number;
  inBody: boolean;
  readOnly: boolean;
  onChange: (patch: Partial<Photo>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onInsert: () => void;
}) {
  const { t } = useI18n();
  const captionInvalid = useInvalid(`photos.${index}.caption`);
  return (
    <li className="photo-item" data-testid="photo-item" data-photo-id={photo.id}>
      <img
        className="photo-thumb"
        src={photoUrl(photo.file)}
        alt=""
        onError={(e) => e.currentTarget.classList.add('broken')}
      />
      <div className="photo-fields">
        <Field label={t('photos.caption')} wide>
          <textarea
            data-testid="photo-caption"
            className={captionInvalid ? 'invalid' : ''}
            rows={3}
            maxLength={2000}
            placeholder={t('photos.captionPlaceholder')}
            value={photo.caption}
            disabled={readOnly}
            onChange={(e) => onChange({ caption: e.target.value })}
          />
        </Field>
        <div className="field-row">
          <Field label={t('photos.creditName')} wide>
            <input
              data-testid="photo-credit-name"
              value={photo.creditName}
              maxLength={80}
              disabled={readOnly}
              onChange={(e) => onChange({ creditName: e.target.value })}
            />
          </Field>
          <Field label={t('photos.creditKind')}>
            <select
              data-testid="photo-credit-kind"
              value={photo.creditKind}
              disabled={readOnly}
              onChange={(e) => onChange({ creditKind: e.target.value as Photo['creditKind'] })}
            >
              {PHOTO_CREDIT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`photos.creditKind.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="item-actions">
          {!inBody && (
            <button
              type="button"
              className="link"
              data-testid="photo-insert"
              disabled={readOnly}
              onClick={onInsert}
            >
              {t('photos.insert')}
            </button>
          )}
          <button
            type="button"
            className="link"
            data-testid="photo-up"
            disabled={readOnly || index === 0}
            onClick={() => onMove(index - 1)}
          >
            {t('photos.moveUp')}
          </button>
          <button
            type="button"
            className="link"
            data-testid="photo-down"
            disabled={readOnly || index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            {t('photos.moveDown')}
          </button>
          <button
            type="button"
            className="link danger"
            data-testid="photo-remove"
            disabled={readOnly}
            onClick={onRemove}
          >
            {t('photos.remove')}
          </button>
        </div>
      </div>
    </li>
  );
}

export function PhotosPanel({ draft, update, readOnly }: PanelProps) {
  const { t } = useI18n();
  const { showError } = useFeedback();
  const [editor] = useLexicalComposerContext();
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const photos = draft.photos;
  const inBody = new Set(
    draft.body.root.children.filter((n) => n.type === 'photo').map((n) => String(n.photoId ?? '')),
  );

  const importFile = async (file: File) => {
    if (!ACCEPTED.includes(file.type)) {
      showError(
        new DeskError(
          'unsupported',
          'error.photoType',
          { name: file.name },
          `${file.name}: ${file.type || 'unknown type'}`,
        ),
        'safe.photoNotAdded',
      );
      return;
    }
    setBusy(true);
    try {
      const data = await readFileAsBase64(file);
      const stored = await desk['photos.import']({ name: file.name, data });
      const photo: Photo = {
        id: newItemId('photo'),
        file: stored.file,
        caption: '',
        creditName: '',
        creditKind: '摄',
      };
      update((d) => ({ photos: [...d.photos, photo] }));
      editor.dispatchCommand(INSERT_PHOTO_COMMAND, { photoId: photo.id });
    } catch (err) {
      showError(err, 'safe.photoNotAdded');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('panel.photos')} testId="panel-photos">
      {photos.length === 0 && <p className="panel-empty">{t('photos.empty')}</p>}
      <ul className="item-list">
        {photos.map((photo, index) => (
          <PhotoItem
            key={photo.id}
            photo={photo}
            index={index}
            count={photos.length}
            inBody={inBody.has(photo.id)}
            readOnly={readOnly}
            onChange={(patch) =>
              update((d) => ({ photos: d.photos.map((p) => (p.id === photo.id ? { ...p, ...patch } : p)) }))
            }
            onMove={(to) => update((d) => ({ photos: moveItem(d.photos, index, to) }))}
            onRemove={() => {
              update((d) => ({ photos: d.photos.filter((p) => p.id !== photo.id) }));
              editor.dispatchCommand(REMOVE_PHOTO_COMMAND, { photoId: photo.id });
            }}
            onInsert={() => editor.dispatchCommand(INSERT_PHOTO_COMMAND, { photoId: photo.id })}
          />
        ))}
      </ul>
      <div className="panel-actions">
        <input
          ref={fileRef}
          type="file"
          accept={ACCEPTED.join(',')}
          className="visually-hidden"
          data-testid="photo-file"
          aria-label={t('photos.import')}
          tabIndex={-1}
          disabled={readOnly || busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button
          type="button"
          data-testid="photo-import"
          disabled={readOnly || busy || photos.length >= 100}
          onClick={() => fileRef.current?.click()}
        >
          {busy ? t('photos.importing') : t('photos.import')}
        </button>
      </div>
    </Panel>
  );
}
