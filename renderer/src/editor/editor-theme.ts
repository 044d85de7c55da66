import type { EditorThemeClasses } from 'lexical';

/** Class names for the body's blocks; the look lives in editor.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'body-p',
  heading: { h3: 'body-subhead' },
  quote: 'body-quote',
};
