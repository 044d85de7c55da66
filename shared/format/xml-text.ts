/* eslint-disable no-control-regex -- the rules name control characters on purpose */
/**
 * XML text for the writers (ICML, DOCX, proof HTML): escaping, and dropping what
 * XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF,
 * unpaired surrogates), so no story text can make a file unreadable.
 */

// XML 1.0 Char production, minus what the writers decide themselves (\n, \r handled by callers).
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes characters XML 1.0 cannot represent. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** Escapes text for an element's content or an attribute value (quotes included). */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
