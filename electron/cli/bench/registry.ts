/**
 * Every benchmark, by name. A benchmark prints its figures and the ratio against
 * a baseline measured in the same run; it never fails on a timing.
 */
export type Report = (line: string) => void;
export type Bench = { name: string; summary: string; run(report: Report): Promise<void> };

export const BENCHES: Bench[] = [
  {
    name: 'storage',
    summary: 'save of one story with 15,000 stored, against one big lowdb file',
    run: async (report) => (await import('./storage.bench')).benchStorage(report),
  },
  {
    name: 'coldstart',
    summary: 'cold start of the UI through the loopback host with 15,000 stories',
    run: async (report) => (await import('./coldstart.bench')).benchColdStart(report),
  },
  {
    name: 'duplicates',
    summary:
      'duplicate check: 30-million-character archive index, draft and page checks, exhaustive baseline',
    run: async (report) => (await import('./duplicates.bench')).benchDuplicates(report),
  },
  {
    name: 'typing',
    summary: 'key press to painted frame in a 20,000-character story with all panels, against bare Lexical',
    run: async (report) => (await import('./editor.bench')).benchTyping(report),
  },
  {
    name: 'paste',
    summary: 'paste of 200,000 characters until the editor accepts input again, against bare Lexical',
    run: async (report) => (await import('./editor.bench')).benchPaste(report),
  },
  {
    name: 'copy-rules',
    summary: 'all copy-desk rules over a 30,000-character page, and one paragraph re-checked after typing',
    run: async (report) => (await import('./copy-rules.bench')).benchCopyRules(report),
  },
  {
    name: 'review',
    summary:
      'diff of two revisions of a 20,000-character story; opening the history of a story saved 2,000 times',
    run: async (report) => (await import('./review.bench')).benchReview(report),
  },
  {
    name: 'import',
    summary:
      'past pages: 1,000 pages split and archived (index included), and search over 30 million characters',
    run: async (report) => (await import('./import.bench')).benchImport(report),
  },
  {
    name: 'export',
    summary:
      'export of a 6-story page: package without the PDF, with proof.pdf, against pandoc on the same stories',
    run: async (report) => (await import('./export.bench')).benchExport(report),
  },
  {
    name: 'server',
    summary:
      'newsroom server on PostgreSQL: 50 desks saving every 2 s + 5 editors signing: round trips, change seen by editors',
    run: async (report) => (await import('./server.bench')).benchServer(report),
  },
  {
    name: 'checkout',
    summary:
      "check-in of 20 stories with 40 photo uploads (server, and a desk's outbox over the loopback host), its repeat, and catch-up after 1,000 changes",
    run: async (report) => (await import('./checkout.bench')).benchCheckout(report),
  },
];
