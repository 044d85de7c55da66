import { describe, expect, it } from 'vitest';

import { shortcutFor } from './use-shortcuts';

const key = (init: Partial<KeyboardEvent>) =>
  ({
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    isComposing: false,
    keyCode: 0,
    target: null,
    ...init,
  }) as KeyboardEvent;

describe('shortcuts', () => {
  it('map Ctrl/Cmd+N, F, S and Delete / Ctrl+Backspace', () => {
    expect(shortcutFor(key({ key: 'n', ctrlKey: true }))).toBe('newStory');
    expect(shortcutFor(key({ key: 'N', metaKey: true }))).toBe('newStory');
    expect(shortcutFor(key({ key: 'f', ctrlKey: true }))).toBe('focusSearch');
    expect(shortcutFor(key({ key: 's', ctrlKey: true }))).toBe('saveNow');
    expect(shortcutFor(key({ key: 'Delete' }))).toBe('trashSelected');
    expect(shortcutFor(key({ key: 'Backspace', ctrlKey: true }))).toBe('trashSelected');
    expect(shortcutFor(key({ key: 'Backspace' }))).toBeNull();
    expect(shortcutFor(key({ key: 's' }))).toBeNull();
  });

  it('open 连接编辑部 with Ctrl/Cmd+comma, also when the input method types a full-width comma', () => {
    expect(shortcutFor(key({ key: ',', code: 'Comma', ctrlKey: true }))).toBe('openNewsroom');
    expect(shortcutFor(key({ key: ',', code: 'Comma', metaKey: true }))).toBe('openNewsroom');
    expect(shortcutFor(key({ key: '，', code: 'Comma', ctrlKey: true }))).toBe('openNewsroom');
    expect(shortcutFor(key({ key: ',', code: 'Comma' }))).toBeNull();
    expect(shortcutFor(key({ key: ',', code: 'Comma', ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: ',', code: 'Comma', ctrlKey: true, isComposing: true }))).toBeNull();
  });

  it('switch screens with Alt+1/2/3 by key position, whatever the layout types', () => {
    expect(shortcutFor(key({ key: '1', code: 'Digit1', altKey: true }))).toBe('showStories');
    expect(shortcutFor(key({ key: '™', code: 'Digit2', altKey: true }))).toBe('showPages');
    expect(shortcutFor(key({ key: '3', code: 'Digit3', altKey: true }))).toBe('showArchive');
    expect(shortcutFor(key({ key: '4', code: 'Digit4', altKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: '1', code: 'Digit1', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: '1', code: 'Digit1' }))).toBeNull();
  });

  it("leave Ctrl+F to the body editor's find bar inside [data-find-scope]", () => {
    const inBody = { closest: (sel: string) => (sel === '[data-find-scope]' ? {} : null) };
    const Element = class {};
    Object.setPrototypeOf(inBody, Element.prototype);
    globalThis.Element = Element as unknown as typeof globalThis.Element;
    try {
      expect(
        shortcutFor(key({ key: 'f', ctrlKey: true, target: inBody as unknown as EventTarget })),
      ).toBeNull();
      expect(shortcutFor(key({ key: 's', ctrlKey: true, target: inBody as unknown as EventTarget }))).toBe(
        'saveNow',
      );
    } finally {
      delete (globalThis as { Element?: unknown }).Element;
    }
  });

  it('never fire while an IME is composing', () => {
    expect(shortcutFor(key({ key: 's', ctrlKey: true, isComposing: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'Delete', isComposing: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'Process', keyCode: 229 }))).toBeNull();
  });
});

describe('the check-out key (issue 18)', () => {
  it("is Ctrl/⌘+Shift+E, read from the key's place whatever the input method makes of the letter", () => {
    expect(shortcutFor(key({ key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true }))).toBe('checkOut');
    expect(shortcutFor(key({ key: 'Process', code: 'KeyE', metaKey: true, shiftKey: true }))).toBe(
      'checkOut',
    );
    expect(shortcutFor(key({ key: 'e', code: 'KeyE', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'E', code: 'KeyE', shiftKey: true }))).toBeNull();
  });
});
