import { StoryQuerySchema, queryStories } from '../../../shared/model';
import { openDeskServices } from '../../desk/services';
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
      for (const s of items) {
        console.log(
          `${(s.page ?? '--').padEnd(4)}${String(s.slot ?? '').padEnd(3)}${s.status.padEnd(14)}${s.headline}`,
        );
      }
      console.log(`${items.length} stories`);
    }
  } finally {
    await services.close();
  }
  return 0;
}
