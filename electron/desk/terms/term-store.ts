/**
 * The paper's term bank (domain §4; issue 5): the editable copy lives in the data
 * folder as terms.json, seeded from the shipped resources/data/terms.json on first use.
 * Every save validates each entry (TermEntrySchema), bumps the version and appends a
 * change-log entry (who, when, note); the file is written durably (writeFileDurable).
 * A damaged terms.json is never overwritten: it is moved aside to damaged/ and the
 * shipped bank takes its place, and the caller is told through `recovered`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DeskError } from '../../../shared/api';
import {
  TermBankSchema,
  TermsSaveSchema,
  type TermBank,
  type TermEntry,
  type TermsSave,
} from '../../../shared/checks/wording/term-bank';
import { resourcesDir } from '../resources';
import { DamagedFileError, parseJsonText, readJsonFile, writeFileDurable } from '../storage/durable-file';
import { dataLayout } from '../storage/data-layout';
import { moveAside } from '../storage/move-aside';
import { SerialQueue } from '../storage/serial-queue';

export const TERMS_FILE = 'terms.json';

/** The bank shipped with the app (resources/data/terms.json). */
export async function shippedTermBank(dir = resourcesDir()): Promise<TermBank> {
  const path = join(dir, 'data', TERMS_FILE);
  return parseJsonText(path, await readFile(path, 'utf8'), TermBankSchema);
}

export class TermStore {
  readonly path: string;
  #bank: TermBank;
  readonly #queue = new SerialQueue();
  /** Set when a damaged terms.json was moved aside on open (its new path). */
  readonly recovered: string | null;

  private constructor(path: string, bank: TermBank, recovered: string | null) {
    this.path = path;
    this.#bank = bank;
    this.recovered = recovered;
  }

  /** Opens the data folder's bank, seeding it from the shipped one when there is none. */
  static async open(dataDir: string, shipped?: TermBank): Promise<TermStore> {
    const path = join(dataDir, TERMS_FILE);
    let recovered: string | null = null;
    let bank: TermBank | null;
    try {
      bank = await readJsonFile(path, TermBankSchema);
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
      recovered = await moveAside(path, dataLayout(dataDir).damaged, new Date());
      bank = null;
    }
    if (!bank) {
      bank = shipped ?? (await shippedTermBank());
      await writeFileDurable(path, `${JSON.stringify(bank, null, 2)}\n`);
    }
    return new TermStore(path, bank, recovered);
  }

  get(): TermBank {
    return this.#bank;
  }

  /** Replaces the entries, bumps the version and records who changed what and when. */
  save(input: TermsSave, by: string, at = new Date()): Promise<TermBank> {
    return this.#queue.run(async () => {
      const parsed = TermsSaveSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || '(root)';
        throw new DeskError(
          'invalid-input',
          'error.termsInvalid',
          { where },
          `term bank not saved: ${where}: ${issue?.message}`,
        );
      }
      const entries: TermEntry[] = parsed.data.entries;
      const version = this.#bank.version + 1;
      const next = TermBankSchema.safeParse({
        version,
        changelog: [...this.#bank.changelog, { version, date: at.toISOString(), by, note: parsed.data.note }],
        entries,
      });
      if (!next.success) {
        const issue = next.error.issues[0];
        throw new DeskError(
          'invalid-input',
          'error.termsInvalid',
          { where: issue?.path.join('.') ?? '' },
          `term bank not saved: ${issue?.message}`,
        );
      }
      await writeFileDurable(this.path, `${JSON.stringify(next.data, null, 2)}\n`);
      this.#bank = next.data;
      return next.data;
    });
  }
}
