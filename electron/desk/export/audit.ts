/**
 * What the export tells the audit trail about an override: the review module's
 * AuditLog records it on the page (electron/desk/pages/page-handlers.ts) and on each
 * story the package carried (electron/desk/review/export-audit.ts).
 */
export type ExportOverrideEntry = {
  action: 'export.override';
  page: string;
  date: string;
  by: string;
  at: string;
  reason: string;
  openErrors: number;
  /** Rule ids of the errors overridden, with their counts. */
  rules: Record<string, number>;
  folder: string;
};
