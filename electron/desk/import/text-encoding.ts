/**
 * Text files from anywhere: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
 * GB18030/GBK (Windows Notepad and WPS in Chinese locales, older archives). The
 * encoding is detected, never guessed silently: the result says which was used.
 *
 * Order: a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8 (GBK text of
 * any length is almost never valid UTF-8); otherwise GB18030 (a superset of GBK and
 * GB2312), which Node's TextDecoder supports.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type DecodedText = { text: string; encoding: TextEncodingName; bom: boolean };

export function decodeTextFile(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', bom: false };
  }
}

/** An Office file in the OLE compound format: a legacy .doc, or a password-protected .docx. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}
