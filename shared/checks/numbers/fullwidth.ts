/** numbers.fullwidth (GB/T 15835, domain §3): full-width digits and letters are wrong: １７５８ → 1758. */
import type { Hit, TextRule } from '../copy-text';

const RUN = /[０-９Ａ-Ｚａ-ｚ]+(?:[．][０-９]+)*/g;

export function toHalfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export const fullwidthRule: TextRule = {
  id: 'numbers.fullwidth',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: 'Full-width digits or letters "{found}": write "{right}"',
  check(text) {
    const hits: Hit[] = [];
    if (!/[０-９Ａ-Ｚａ-ｚ]/.test(text)) return hits;
    for (const m of text.matchAll(RUN)) {
      const right = toHalfwidth(m[0]);
      hits.push({
        start: m.index,
        end: m.index + m[0].length,
        replacement: right,
        params: { found: m[0], right },
      });
    }
    return hits;
  },
};
