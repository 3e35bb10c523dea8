/**
 * Attachment rules. Amazon's schemas say: text files, PDFs, Word documents, .jpg, .gif and .png, total
 * size under 10 MB. The models themselves state no limits (spapi-facts §0.7), so these rules come from
 * the schema text Amazon embeds and are checked here, before any upload starts.
 */
import type { I18nKey } from './label';

export interface AttachmentDraft {
  fileName: string;
  size: number;
  /** The browser's MIME type; empty when the browser does not know it. */
  type: string;
}

export interface AttachmentProblem {
  /** Index of the file the problem is about; undefined for problems about the set as a whole. */
  file?: number;
  key: I18nKey;
  substitutions: string[];
}

/** Strictly less than this many bytes in total. */
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 255;

const TYPES: Readonly<Record<string, readonly string[]>> = {
  txt: ['text/plain'],
  pdf: ['application/pdf'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  gif: ['image/gif'],
  png: ['image/png'],
};

export const ALLOWED_EXTENSIONS: readonly string[] = Object.keys(TYPES);

/** Accept attribute for the file picker, so the dialog offers the right files to begin with. */
export const ACCEPT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

// Browsers report these when they do not know the type; they say nothing about the file.
const UNKNOWN_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The extension without the dot, lower case; undefined for "README" or ".profile". */
export function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  return fileName.slice(dot + 1).toLowerCase();
}

function baseMime(type: string): string {
  return (type.split(';', 1)[0] ?? '').trim().toLowerCase();
}

/** Problems with one file on its own: type, MIME type, emptiness. */
export function checkFile(file: AttachmentDraft, index?: number): AttachmentProblem[] {
  const at = index === undefined ? {} : { file: index };
  const problems: AttachmentProblem[] = [];
  const ext = extensionOf(file.fileName);
  const allowed = ext === undefined ? undefined : TYPES[ext];
  if (ext === undefined) {
    problems.push({ ...at, key: 'msg_attach_no_extension', substitutions: [file.fileName] });
  } else if (!allowed) {
    problems.push({ ...at, key: 'msg_attach_type_not_allowed', substitutions: [file.fileName, `.${ext}`] });
  } else {
    const mime = baseMime(file.type);
    // A file renamed from .exe to .pdf still says what it is in its MIME type.
    if (!UNKNOWN_MIME.has(mime) && !allowed.includes(mime)) {
      problems.push({ ...at, key: 'msg_attach_type_mismatch', substitutions: [file.fileName, mime, `.${ext}`] });
    }
  }
  if (file.size <= 0) problems.push({ ...at, key: 'msg_attach_empty', substitutions: [file.fileName] });
  return problems;
}

/** "9.5 MB", "512 KB", "12 bytes": binary units, as the 10 MB limit is 10 × 1024 × 1024 bytes. */
export function formatBytes(bytes: number, locale = 'en'): string {
  const n = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, 1)} KB`;
  return `${n(bytes / (1024 * 1024), 2)} MB`;
}

export interface AttachmentLimits {
  minItems: number;
  maxItems: number;
}

/** Every rule for the set of files the seller picked, in the order the seller would fix them. */
export function checkAttachments(
  files: readonly AttachmentDraft[],
  limits: AttachmentLimits,
  opts: { locale?: string } = {},
): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  if (files.length < limits.minItems) {
    problems.push(
      limits.minItems === 1
        ? { key: 'msg_attach_required_one', substitutions: [] }
        : { key: 'msg_attach_required', substitutions: [String(limits.minItems)] },
    );
  }
  if (files.length > limits.maxItems) {
    problems.push({ key: 'msg_attach_too_many', substitutions: [String(files.length), String(limits.maxItems)] });
  }
  files.forEach((f, i) => problems.push(...checkFile(f, i)));
  const total = files.reduce((sum, f) => sum + Math.max(0, f.size), 0);
  if (total >= MAX_TOTAL_BYTES) {
    // The largest total that passes is one byte under the limit: say exactly how much has to go.
    const over = total - (MAX_TOTAL_BYTES - 1);
    problems.push({
      key: 'msg_attach_total_too_large',
      substitutions: [formatBytes(total, opts.locale), formatBytes(over, opts.locale)],
    });
  }
  return problems;
}

// Control characters, and the bidirectional overrides that let "invoice\u202Efdp.exe" look like a PDF.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

/**
 * The name the buyer sees (Amazon sends `fileName` as given; it need not match the uploaded file).
 * The seller types a new base name; the original extension is always kept, so a file cannot be
 * presented as a type it is not. Returns the cleaned original name when the new one is empty.
 */
export function renameKeepingExtension(original: string, newBase: string): string {
  const clean = (s: string) => s.replace(UNSAFE, '').replace(/[/\\]/g, '').trim();
  const originalName = clean(original.split(/[/\\]/).pop() ?? original);
  const ext = extensionOf(originalName);
  const suffix = ext === undefined ? '' : originalName.slice(originalName.lastIndexOf('.'));
  let base = clean(newBase);
  // "invoice.pdf" typed for a .pdf file means "invoice", not "invoice.pdf.pdf".
  if (suffix !== '' && base.toLowerCase().endsWith(suffix.toLowerCase())) base = base.slice(0, -suffix.length);
  // Leading dots would hide the file on some systems; trailing dots and spaces are dropped by others.
  base = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '') return truncateCodePoints(originalName, MAX_FILE_NAME_LENGTH);
  const room = MAX_FILE_NAME_LENGTH - Array.from(suffix).length;
  return truncateCodePoints(base, Math.max(1, room)) + suffix;
}
