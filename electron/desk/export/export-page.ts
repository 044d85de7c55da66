/**
 * The page package for the layout desk (issue 7; docs/architecture.md, Export):
 *
 * ```
 * B6-2026-11-22/
 *   manifest.json
 *   stories/01-<slug>/head.icml, body.icml, figures.icml, caption-N.icml, story.docx, story.txt
 *   images/01-<slug>-1.jpg …      (the stored photo files, byte for byte)
 *   proof.pdf
 *   preflight.json
 * ```
 * and optionally B6-2026-11-22.zip beside it.
 *
 * The gate: a page with hard problems (a story missing, a story not approved) never
 * exports; one with open errors exports only with `force` and a reason, which goes into
 * preflight.json, manifest.json and the audit trail. The package is built in a hidden
 * temporary folder next to the target and renamed into place at the end, so a failed
 * export leaves no half package; every write goes through resolveInside.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { zipSync, type Zippable } from 'fflate';

import { DeskError } from '../../../shared/api/errors';
import type { Finding } from '../../../shared/checks/finding';
import { storyCounts } from '../../../shared/checks/length/length';
import { bylineText, type Story } from '../../../shared/model';
import type { PagePlan } from '../../../shared/model/page';
import { writeDocx } from '../../../shared/format/docx';
import { writeIcml } from '../../../shared/format/icml';
import {
  MANIFEST_VERSION,
  writeManifest,
  type Manifest,
  type ManifestStory,
} from '../../../shared/format/manifest';
import { photoCreditText } from '../../../shared/format/photo-credit';
import { writePlainText } from '../../../shared/format/plain-text';
import { writeProofHtml, type ProofStory } from '../../../shared/format/proof-html';
import { safeFileName, slugOf } from '../../../shared/format/safe-file-name';
import { jumpText, storyParts, type StyledParagraph } from '../../../shared/format/story-parts';
import { CHARACTER_STYLE_NAMES, PARAGRAPH_STYLE_NAMES } from '../../../shared/format/style-names';
import { fsyncDir } from '../storage/durable-file';
import type { PagePreflight } from '../pages/preflight';
import { signaturesOf } from '../pages/preflight';
import type { ExportOverrideEntry } from './audit';
import type { PdfRenderer } from './pdf-renderer';
import { resolveInside } from './inside-folder';

export const GENERATOR = '党建采编台 0.1.0';

export type ExportProgress = { step: string; done: number; total: number };

export type ExportOptions = {
  plan: PagePlan;
  stories: ReadonlyMap<string, Story>;
  report: PagePreflight;
  /** The data folder's photos/ (source of the images, copied unmodified). */
  photosDir: string;
  /** The folder the package folder is created in. */
  outDir: string;
  user: string;
  force?: boolean;
  reason?: string;
  zip?: boolean;
  /** Renders proof.pdf; null or absent: no proof (the manifest says so). */
  pdf?: PdfRenderer | null;
  /** Records an override in the audit trail (the review module's AuditLog in the desk); absent: no audit entry. */
  audit?: (entry: ExportOverrideEntry) => Promise<string | null>;
  now?: Date;
  onProgress?: (p: ExportProgress) => void;
};

export type ExportResult = {
  folder: string;
  zip: string | null;
  /** Paths inside the package, in writing order. */
  files: string[];
  manifest: Manifest;
  override: Manifest['override'];
  auditFile: string | null;
};

export type GateVerdict = { ok: boolean; overridden: boolean; reasons: string[] };

/** Whether the page may export: hard blocks never; open errors only with force and a reason. */
export function exportGate(report: PagePreflight, force = false, reason = ''): GateVerdict {
  const reasons = [...report.hardBlocks];
  if (reasons.length) return { ok: false, overridden: false, reasons };
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return { ok: true, overridden: false, reasons: [] };
  const lines = errors.map((f) => `${f.locations[0]?.story ?? '?'}: ${f.rule}: ${f.message}`);
  if (!force)
    return {
      ok: false,
      overridden: false,
      reasons: [`${errors.length} open error(s); an editor may override with a reason`, ...lines],
    };
  if (!reason.trim())
    return { ok: false, overridden: false, reasons: ['an override needs a reason', ...lines] };
  return { ok: true, overridden: true, reasons: lines };
}

function countRules(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) if (f.severity === 'error') out[f.rule] = (out[f.rule] ?? 0) + 1;
  return out;
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export async function exportPage(opts: ExportOptions): Promise<ExportResult> {
  const { plan, report } = opts;
  const now = opts.now ?? new Date();
  const verdict = exportGate(report, opts.force, opts.reason);
  if (!verdict.ok) {
    throw new DeskError(
      'conflict',
      'error.exportBlocked',
      { page: plan.name, date: plan.date, count: verdict.reasons.length },
      `Page ${plan.name} (${plan.date}) was not exported:\n  ${verdict.reasons.join('\n  ')}`,
    );
  }
  const override = verdict.overridden
    ? { by: opts.user, reason: opts.reason!.trim(), at: now.toISOString(), openErrors: report.openErrors }
    : null;

  const packageName = safeFileName(`${plan.name}-${plan.date}`);
  const target = resolveInside(opts.outDir, packageName);
  await mkdir(opts.outDir, { recursive: true });
  // Replacing an earlier package is fine; replacing anything else is not.
  const existing = await stat(target).catch(() => null);
  if (existing && !(await stat(join(target, 'manifest.json')).catch(() => null))) {
    throw new DeskError(
      'conflict',
      'error.exportTargetExists',
      { path: target },
      `${target} exists and is not an earlier package (no manifest.json); nothing was written. Choose another output folder.`,
    );
  }
  const temp = resolveInside(opts.outDir, `.${packageName}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(temp, { recursive: true });

  const files: string[] = [];
  const zipped: Zippable = {};
  const write = async (rel: string, bytes: Uint8Array | string) => {
    const path = resolveInside(temp, rel);
    await mkdir(dirname(path), { recursive: true });
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    await writeFile(path, data);
    files.push(rel);
    if (opts.zip)
      zipped[`${packageName}/${rel}`] = [
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        { mtime: now },
      ];
  };

  const placed = plan.slots.flatMap((slot, i) => {
    const story = slot.storyId ? opts.stories.get(slot.storyId) : undefined;
    return story ? [{ slot, story, n: i + 1 }] : [];
  });
  const total = placed.length + 3 + (opts.pdf ? 1 : 0) + (opts.zip ? 1 : 0);
  let done = 0;
  const progress = (step: string) => opts.onProgress?.({ step, done: ++done, total });

  try {
    const manifestStories: ManifestStory[] = [];
    const proofStories: ProofStory[] = [];
    for (const { slot, story, n } of placed) {
      const no = String(n).padStart(2, '0');
      const slug = slugOf(story.headline);
      const folder = `stories/${safeFileName(`${no}-${slug}`, { maxBytes: 64 })}`;
      const parts = storyParts(story);
      const title = `${plan.name} ${no} ${story.headline}`;
      const icml = (part: string, ps: StyledParagraph[]) =>
        writeIcml(ps, { storyId: `dj_${plan.name}_${no}_${part}`, title: `${title} · ${part}` });
      await write(`${folder}/head.icml`, icml('head', parts.head));
      await write(`${folder}/body.icml`, icml('body', parts.body));
      const figures = parts.figures.length ? `${folder}/figures.icml` : null;
      if (figures) await write(figures, icml('figures', parts.figures));
      const captionFiles: string[] = [];
      const photos: ManifestStory['photos'] = [];
      const images: Record<string, string> = {};
      for (const c of parts.captions) {
        const captionFile = `${folder}/caption-${c.order}.icml`;
        await write(captionFile, icml(`caption_${c.order}`, c.paragraphs));
        captionFiles.push(captionFile);
        const ext = c.photo.file.split('.').pop() ?? 'jpg';
        const image = `images/${safeFileName(`${no}-${slug}-${c.order}.${ext}`, { maxBytes: 80 })}`;
        const bytes = await readFile(join(opts.photosDir, safeFileName(c.photo.file))).catch(
          (err: NodeJS.ErrnoException) => {
            throw new DeskError(
              'not-found',
              'error.exportPhotoMissing',
              { photo: c.photo.file },
              `Photo ${c.photo.file} of 「${story.headline}」 is not in the data folder (${err.code}); nothing was exported.`,
            );
          },
        );
        await write(image, bytes);
        photos.push({
          id: c.photo.id,
          order: c.order,
          file: image,
          caption: c.photo.caption,
          credit: photoCreditText(c.photo),
          icml: captionFile,
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
        images[c.photo.id] =
          `data:${MIME[ext] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`;
      }
      const all = [
        ...parts.head,
        ...parts.body,
        ...parts.figures,
        ...parts.captions.flatMap((c) => c.paragraphs),
      ];
      await write(
        `${folder}/story.docx`,
        writeDocx(all, { title: story.headline, author: story.updatedBy, date: now.toISOString() }),
      );
      await write(`${folder}/story.txt`, writePlainText(parts));
      const counts = storyCounts({ key: story.id, content: story });
      manifestStories.push({
        order: n,
        role: slot.role,
        id: story.id,
        rev: story.rev,
        status: story.status,
        kind: story.kind,
        folder,
        kicker: story.kicker,
        headline: story.headline,
        subheadline: story.subheadline,
        dateline: story.dateline,
        byline: bylineText(story.byline, story.dateline),
        region: story.region ? { code: story.region.code, path: [...story.region.path] } : null,
        counts,
        budget: slot.budget,
        signatures: (signaturesOf(story) ?? []).map(({ who, level, rev, at }) =>
          at ? { who, level, rev, at } : { who, level, rev },
        ),
        jumps: story.jumps.map((j) => ({
          direction: j.direction,
          page: j.page,
          text: jumpText(j.direction, j.page),
          linkedStory:
            plan.jumps.find((l) => l.storyId === story.id && l.direction === j.direction && l.page === j.page)
              ?.targetStoryId ?? null,
        })),
        files: {
          head: `${folder}/head.icml`,
          body: `${folder}/body.icml`,
          figures,
          captions: captionFiles,
          docx: `${folder}/story.docx`,
          text: `${folder}/story.txt`,
        },
        photos,
      });
      proofStories.push({ role: slot.role, parts, images });
      progress(`story ${no}`);
    }

    let proof: string | null = null;
    if (opts.pdf) {
      const html = writeProofHtml({
        page: plan.name,
        date: plan.date,
        edition: plan.edition,
        stories: proofStories,
      });
      await write('proof.pdf', await opts.pdf(html));
      proof = 'proof.pdf';
      progress('proof.pdf');
    }

    const preflight = {
      page: plan.name,
      date: plan.date,
      exportedAt: now.toISOString(),
      exportedBy: opts.user,
      override,
      totals: report.totals,
      workflow: report.workflow,
      errorRate: report.errorRate,
      findings: report.findings,
      ignored: report.ignored,
      stories: report.stories,
    };
    await write('preflight.json', `${JSON.stringify(preflight, null, 2)}\n`);
    progress('preflight.json');

    const manifest: Manifest = {
      manifestVersion: MANIFEST_VERSION,
      generator: GENERATOR,
      page: plan.name,
      date: plan.date,
      edition: plan.edition,
      exportedAt: now.toISOString(),
      exportedBy: opts.user,
      styles: { paragraph: [...PARAGRAPH_STYLE_NAMES], character: [...CHARACTER_STYLE_NAMES] },
      stories: manifestStories,
      proof,
      preflight: 'preflight.json',
      override,
    };
    await write('manifest.json', writeManifest(manifest));
    progress('manifest.json');

    // Into place: the old package (if any) goes, the new one is renamed in.
    if (existing) await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    await fsyncDir(opts.outDir);
    progress('package');

    let zip: string | null = null;
    if (opts.zip) {
      zip = resolveInside(opts.outDir, `${packageName}.zip`);
      await writeFile(zip, zipSync(zipped, { level: 6 }));
      progress('zip');
    }

    let auditFile: string | null = null;
    if (override && opts.audit) {
      auditFile = await opts.audit({
        action: 'export.override',
        page: plan.name,
        date: plan.date,
        by: override.by,
        at: override.at,
        reason: override.reason,
        openErrors: override.openErrors,
        rules: countRules(report.findings),
        folder: target,
      });
    }
    return { folder: target, zip, files, manifest, override, auditFile };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
