/**
 * Photos: import (file input, or image files dropped on this panel or into the
 * body) → base64 → 'photos.import', which copies the file into the data folder
 * unmodified and checks its type by content; caption and credit; order; removal.
 *
 * Images inside pasted HTML arrive as PASTED_IMAGES_COMMAND (PastePlugin): data:
 * URLs are imported like dropped files; links are left to the paste notice.
 *
 * Order: the body is the source of truth (photo-order.ts). The list shows the
 * photos placed in the body in body order, then the ones not placed yet. Moving a
 * placed photo up or down swaps it with its neighbour in the body too
 * (REORDER_PHOTOS_COMMAND); when the body's photos move (cut and paste, a drop
 * into the middle), the list follows. The body is changed only through
 * PhotoPlugin's commands (docs/style.md §5).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW } from 'lexical';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

import { DeskError } from '../../../shared/api';
import { PHOTO_CREDIT_KINDS, type Photo } from '../../../shared/model';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { useInvalid } from '../editor/field-issues';
import { useBodyPhotoIds } from '../editor/use-body-view';
import { photosInBodyOrder } from '../editor/plugins/PhotoPlugin/photo-order';
import { PASTED_IMAGES_COMMAND, type PastedImage } from '../editor/plugins/PastePlugin/PastePlugin';
import {
  INSERT_PHOTO_COMMAND,
  PHOTO_FILES_COMMAND,
  REMOVE_PHOTO_COMMAND,
  REORDER_PHOTOS_COMMAND,
} from '../editor/plugins/PhotoPlugin/PhotoPlugin';
import { desk, photoUrl } from '../platform/desk-client';
import { readFileAsBase64 } from '../platform/read-file';
import { Field, moveItem, newItemId, Panel } from './Field';
import type { PanelProps } from './panel-props';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 100;

const DATA_IMAGE = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * Images pasted inside HTML (Word, WeChat) as data: URLs, turned into files; null
 * when any of them is a link (http:, file:), which the renderer cannot fetch
 * (CSP connect-src 'self'): then the body's paste notice asks for an import.
 */
function filesFromPastedImages(images: readonly PastedImage[]): File[] | null {
  const files: File[] = [];
  for (const [i, image] of images.entries()) {
    const m = DATA_IMAGE.exec(image.src);
    if (!m) return null;
    const bytes = Uint8Array.from(atob(m[2]!.replace(/\s/g, '')), (c) => c.charCodeAt(0));
    files.push(new File([bytes], `pasted-${i + 1}.${m[1]!.slice(6).replace('jpeg', 'jpg')}`, { type: m[1] }));
  }
  return files.length > 0 ? files : null;
}

function hasFiles(e: React.DragEvent): boolean {
  return e.dataTransfer.types.includes('Files');
}

function PhotoItem({
  photo,
  index,
  inBody,
  canMoveUp,
  canMoveDown,
  readOnly,
  onChange,
  onMove,
  onRemove,
  onInsert,
}: {
  photo: Photo;
  index: number;
  inBody: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  readOnly: boolean;
  onChange: (patch: Partial<Photo>) => void;
  onMove: (by: -1 | 1, from: HTMLElement | null) => void;
  onRemove: () => void;
  onInsert: () => void;
}) {
  const { t } = useI18n();
  const captionInvalid = useInvalid(`photos.${index}.caption`);
  const noCaption = photo.caption.trim() === '';
  const noCredit = photo.creditName.trim() === '';
  const badgeId = `photo-missing-${photo.id}`;

  // Alt+↑ / Alt+↓ anywhere in the item moves it (the buttons do the same).
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (readOnly || !e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowUp' && canMoveUp) {
      e.preventDefault();
      onMove(-1, document.activeElement as HTMLElement | null);
    } else if (e.key === 'ArrowDown' && canMoveDown) {
      e.preventDefault();
      onMove(1, document.activeElement as HTMLElement | null);
    }
  };

  return (
    <li
      className={`photo-item${noCaption || noCredit ? ' incomplete' : ''}`}
      data-testid="photo-item"
      data-photo-id={photo.id}
      data-missing={[noCaption && 'caption', noCredit && 'credit'].filter(Boolean).join(' ') || undefined}
      aria-label={t('photos.itemLabel', { n: index + 1 })}
      onKeyDown={onKeyDown}
    >
      <div className="photo-side">
        <img
          className="photo-thumb"
          src={photoUrl(photo.file)}
          alt=""
          onError={(e) => e.currentTarget.classList.add('broken')}
        />
        <span className="photo-number">{index + 1}</span>
        {!inBody && <span className="photo-badge muted">{t('photos.notInBody')}</span>}
      </div>
      <div className="photo-fields">
        {(noCaption || noCredit) && (
          <div className="photo-badges" id={badgeId} data-testid="photo-missing">
            {noCaption && <span className="photo-badge warn">{t('photos.needsCaption')}</span>}
            {noCredit && <span className="photo-badge warn">{t('photos.needsCredit')}</span>}
          </div>
        )}
        <Field label={t('photos.caption')} wide>
          <textarea
            data-testid="photo-caption"
            className={captionInvalid ? 'invalid' : ''}
            rows={3}
            maxLength={2000}
            placeholder={t('photos.captionPlaceholder')}
            value={photo.caption}
            disabled={readOnly}
            aria-describedby={noCaption ? badgeId : undefined}
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
              aria-describedby={noCredit ? badgeId : undefined}
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
            title="Alt+↑"
            disabled={readOnly || !canMoveUp}
            onClick={(e) => onMove(-1, e.currentTarget)}
          >
            {t('photos.moveUp')}
          </button>
          <button
            type="button"
            className="link"
            data-testid="photo-down"
            title="Alt+↓"
            disabled={readOnly || !canMoveDown}
            onClick={(e) => onMove(1, e.currentTarget)}
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
  const [dropping, setDropping] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const photos = draft.photos;
  // From the editor, not draft.body: the draft's copy of the body follows only at save time.
  const bodyKey = useBodyPhotoIds(editor);
  const inBody = new Set(bodyKey ? bodyKey.split('\n') : []);

  const importFiles = async (files: readonly File[]) => {
    const added: Photo[] = [];
    setBusy(true);
    try {
      for (const file of files) {
        // A courtesy check on the declared type; the desk checks the bytes themselves.
        if (file.type !== '' && !ACCEPTED.includes(file.type)) {
          showError(
            new DeskError(
              'unsupported',
              'error.photoType',
              { name: file.name },
              `${file.name}: ${file.type}`,
            ),
            'safe.photoNotAdded',
          );
          continue;
        }
        if (photos.length + added.length >= MAX_PHOTOS) break;
        try {
          const data = await readFileAsBase64(file);
          const stored = await desk['photos.import']({ name: file.name || 'photo', data });
          added.push({
            id: newItemId('photo'),
            file: stored.file,
            caption: '',
            creditName: '',
            creditKind: '摄',
          });
        } catch (err) {
          showError(err, 'safe.photoNotAdded');
        }
      }
    } finally {
      setBusy(false);
    }
    if (added.length === 0) return;
    update((d) => ({ photos: [...d.photos, ...added] }));
    // Each goes in at the caret (the drop point for a drop into the body), in order.
    for (const photo of added) editor.dispatchCommand(INSERT_PHOTO_COMMAND, { photoId: photo.id });
  };

  // Files dropped or pasted into the body come here through PhotoPlugin.
  const importRef = useRef(importFiles);
  useEffect(() => {
    importRef.current = importFiles;
  });
  useEffect(
    () =>
      editor.registerCommand(
        PHOTO_FILES_COMMAND,
        (files) => {
          if (readOnly) return false;
          void importRef.current(files);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, readOnly],
  );
  useEffect(
    () =>
      editor.registerCommand(
        PASTED_IMAGES_COMMAND,
        ({ images }) => {
          const files = readOnly ? null : filesFromPastedImages(images);
          if (!files) return false;
          void importRef.current(files);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, readOnly],
  );

  // When the body's photos move, the list follows (not on first load: opening a
  // story must not change it).
  const syncRef = useRef({ photos, update, bodyKey });
  useEffect(() => {
    const prev = syncRef.current.bodyKey;
    syncRef.current = { photos, update, bodyKey };
    if (prev === bodyKey) return;
    const ordered = photosInBodyOrder(photos, bodyKey ? bodyKey.split('\n') : []);
    if (ordered !== photos) update({ photos: [...ordered] });
  }, [bodyKey, photos, update]);

  // After a move, put the focus back on the control that moved the photo.
  const refocus = useRef<{ id: string; testId: string } | null>(null);
  useLayoutEffect(() => {
    const target = refocus.current;
    refocus.current = null;
    if (!target) return;
    const item = document.querySelector(
      `[data-testid="photo-item"][data-photo-id="${CSS.escape(target.id)}"]`,
    );
    const control = item?.querySelector<HTMLElement>(`[data-testid="${CSS.escape(target.testId)}"]`);
    const focusable =
      control && !(control as HTMLButtonElement).disabled ? control : item?.querySelector('textarea');
    focusable?.focus();
  }, [photos]);

  const move = (index: number, by: -1 | 1, from: HTMLElement | null) => {
    const photo = photos[index];
    if (!photo) return;
    const next = moveItem(photos, index, index + by);
    refocus.current = { id: photo.id, testId: from?.dataset.testid ?? 'photo-caption' };
    update({ photos: next });
    if (inBody.has(photo.id)) {
      editor.dispatchCommand(REORDER_PHOTOS_COMMAND, { order: next.map((p) => p.id) });
    }
  };

  const onDrop = (e: React.DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDropping(false);
    if (readOnly) return;
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) void importFiles(files);
  };

  return (
    <Panel title={t('panel.photos')} testId="panel-photos">
      <div
        className={`photo-drop${dropping ? ' dropping' : ''}`}
        data-testid="photo-drop"
        onDragOver={(e) => {
          if (!hasFiles(e) || readOnly) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
        }}
        onDrop={onDrop}
      >
        {photos.length === 0 && <p className="panel-empty">{t('photos.empty')}</p>}
        <ul className="item-list">
          {photos.map((photo, index) => {
            const placed = inBody.has(photo.id);
            // Placed photos stay ahead of the ones not placed yet (see the order rule above).
            const prev = photos[index - 1];
            const next = photos[index + 1];
            return (
              <PhotoItem
                key={photo.id}
                photo={photo}
                index={index}
                inBody={placed}
                canMoveUp={!!prev && inBody.has(prev.id) === placed}
                canMoveDown={!!next && inBody.has(next.id) === placed}
                readOnly={readOnly}
                onChange={(patch) =>
                  update((d) => ({
                    photos: d.photos.map((p) => (p.id === photo.id ? { ...p, ...patch } : p)),
                  }))
                }
                onMove={(by, from) => move(index, by, from)}
                onRemove={() => {
                  update((d) => ({ photos: d.photos.filter((p) => p.id !== photo.id) }));
                  editor.dispatchCommand(REMOVE_PHOTO_COMMAND, { photoId: photo.id });
                }}
                onInsert={() => editor.dispatchCommand(INSERT_PHOTO_COMMAND, { photoId: photo.id })}
              />
            );
          })}
        </ul>
        <div className="panel-actions photo-actions">
          <input
            ref={fileRef}
            type="file"
            multiple
            accept={ACCEPTED.join(',')}
            className="visually-hidden"
            data-testid="photo-file"
            aria-label={t('photos.import')}
            tabIndex={-1}
            disabled={readOnly || busy}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length > 0) void importFiles(files);
            }}
          />
          <button
            type="button"
            data-testid="photo-import"
            disabled={readOnly || busy || photos.length >= MAX_PHOTOS}
            onClick={() => fileRef.current?.click()}
          >
            {busy ? t('photos.importing') : t('photos.import')}
          </button>
          <span className="photo-drop-hint">{dropping ? t('photos.dropHere') : t('photos.dropHint')}</span>
        </div>
      </div>
    </Panel>
  );
}
