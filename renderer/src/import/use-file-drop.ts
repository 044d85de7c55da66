/**
 * Files dragged from the desktop onto an element: true while they hover over it,
 * `onDrop` with the files when they are let go there. Listens on the window (so a
 * drop next to the zone never makes the browser open the file in place of the
 * desk) but leaves every other drop alone: the editor and the photo panel take
 * their own.
 */
import { useEffect, useRef, useState } from 'react';

const isEditable = (target: EventTarget | null) =>
  target instanceof Element &&
  target.closest('input, textarea, [contenteditable="true"], [contenteditable=""]') !== null;

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function useFileDrop(zone: () => HTMLElement | null, onDrop: (files: File[]) => void): boolean {
  const [over, setOver] = useState(false);
  const handlers = useRef({ zone, onDrop });
  useEffect(() => {
    handlers.current = { zone, onDrop };
  });

  useEffect(() => {
    /** The zone, when it is on screen and the event is inside it. */
    const inZone = (event: DragEvent): HTMLElement | null => {
      const el = handlers.current.zone();
      if (!el || el.offsetParent === null || !(event.target instanceof Node)) return null;
      return el.contains(event.target) ? el : null;
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      const inside = inZone(event) !== null;
      if (inside) {
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      } else if (!event.defaultPrevented && !isEditable(event.target)) {
        // Nobody takes files here: refuse the drop rather than let the browser open the file.
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
      }
      setOver(inside);
    };
    const onLeave = (event: DragEvent) => {
      // Leaving the window (no element to go to) or the zone for outside it.
      const to = event.relatedTarget;
      if (!(to instanceof Node) || !handlers.current.zone()?.contains(to)) setOver(false);
    };
    const onDropEvent = (event: DragEvent) => {
      setOver(false);
      if (!hasFiles(event) || !inZone(event)) return;
      event.preventDefault();
      handlers.current.onDrop(Array.from(event.dataTransfer?.files ?? []));
    };
    const onEnd = () => setOver(false);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDropEvent);
    window.addEventListener('dragend', onEnd);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDropEvent);
      window.removeEventListener('dragend', onEnd);
    };
  }, []);
  return over;
}
