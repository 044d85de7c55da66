import { StoryQuerySchema, queryStories } from '../../../shared/model';
import { openDeskServices } from '../../desk/services';
import { displayWidth, padCells } from '../columns';
import { statusText, t } from '../i18n';
import { dataDirOf } from '../usage';

export async function runList(values: Record<string, unknown>): Promise<number> {
  const services = await openDeskServices({ dataDir: dataDirOf(values), transport: 'http', demo: false });
  try {
    const items = queryStories(
      services.store.list(),
      StoryQuerySchema.parse({ trash: values.trash === true, sort: 'page-slot' }),
    );
    if (values.json) {
      console.log(JSON.stringify({ stories: items }, null, 2));
    } else {
      // The statuses as the story list names them (草稿, 初审通过 …), in one column.
      const status = (s: (typeof items)[number]) => statusText(s.status);
      const width = Math.max(0, ...items.map((s) => displayWidth(status(s))));
      for (const s of items) {
        const page = padCells(s.page ?? t('cli.list.noPage'), 4);
        const slot = padCells(String(s.slot ?? ''), 3);
        console.log(`${page}${slot}${padCells(status(s), width + 2)}${s.headline || t('import.untitled')}`);
      }
      console.log(
        t(values.trash === true ? 'cli.list.trashCount' : 'cli.list.count', { count: items.length }),
      );
    }
  } finally {
    await services.close();
  }
  return 0;
}
