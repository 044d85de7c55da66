/**
 * DOCX parts whose names lead out of the file (issue 16): never read, as before,
 * and now said in the import notes instead of skipped silently.
 */
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { buildDocx } from '../../../shared/import/fixtures/docx-fixture';
import { unsafeZipName } from '../../../shared/import';
import { readStoryBytes } from '../import-story';

const story = [{ style: 'Title', text: '山村夜校开课了' }, { text: '本报讯 夜校里坐满了来听课的村民。' }];

describe('unsafe ZIP entry names in a .docx', () => {
  it('knows the names that lead out', () => {
    for (const name of ['../evil.xml', 'word/../../x', '/etc/x', 'C:/x', 'word\\media\\a.png'])
      expect(unsafeZipName(name), name).toBe(true);
    for (const name of ['word/document.xml', 'word/media/image1.png', '[Content_Types].xml'])
      expect(unsafeZipName(name), name).toBe(false);
  });

  it('skips them and lists them in the notes; the story is read', async () => {
    const files = unzipSync(buildDocx(story));
    const bad = new TextEncoder().encode('<x/>');
    const bytes = zipSync({ ...files, '../evil.xml': bad, '/abs.xml': bad, 'word\\media\\x.png': bad });
    const read = await readStoryBytes('story.docx', bytes);
    expect(read.content.headline).toBe('山村夜校开课了');
    const skipped = (read.notes ?? []).filter((n) => n.code === 'zip-entry-skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.params.count).toBe(3);
    expect(skipped[0]!.detail).toContain('../evil.xml');
  });
});
