/**
 * Attachment rules. Amazon's schemas say: text files, PDFs, Word documents, .jpg, .gif and .png, total
 * size "less than 10 MB". The models themselves state no limits (spapi-facts §0.7), nor whether a megabyte
 * is 1,000,000 or 1,048,576 bytes, so the total is held under 10,000,000 bytes: true under either reading.
 * Sizes are shown in the same decimal units, so what the seller reads and what is checked never disagree.
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

/** Strictly less than this many bytes in total: "less than 10 MB" in decimal megabytes. */
export const MAX_TOTAL_BYTES = 10_000_000;
/**
 * Characters (code points) in a name sent to the buyer. Amazon states no limit; the buyer saves the file
 * where whole paths are capped at 260 characters (Windows), so a name leaves room for the folder.
 */
export const MAX_FILE_NAME_LENGTH = 100;

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
      problems.push({ ...at, key: 'msg_attach_type_mismatch', substitutions: [file.fileName, `.${ext}`] });
    }
  }
  if (file.size <= 0) problems.push({ ...at, key: 'msg_attach_empty', substitutions: [file.fileName] });
  return problems;
}

/** "9.5 MB", "512 kB", "12 B": decimal units, the ones the 10 MB limit is held to. */
export function formatBytes(bytes: number, locale = 'en'): string {
  const n = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (bytes < 1000) return `${n(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${n(bytes / 1000, 1)} kB`;
  return `${n(bytes / 1_000_000, 2)} MB`;
}

/**
 * A size said next to the limit: rounded like formatBytes, unless rounding would make it read as the
 * limit itself ("10 MB is too much; less than 10 MB is allowed"), then to the byte.
 */
export function formatBytesNear(bytes: number, limit: number, locale = 'en'): string {
  const rounded = formatBytes(bytes, locale);
  if (bytes !== limit && rounded === formatBytes(limit, locale)) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  return rounded;
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
      substitutions: [formatBytesNear(total, MAX_TOTAL_BYTES, opts.locale), formatBytes(over, opts.locale)],
    });
  }
  return problems;
}

export interface Admission {
  /** The picked file, its name cleaned and made unique among the message's files. */
  file: AttachmentDraft;
  /** Why it cannot be attached; undefined when it is attached. */
  refused?: AttachmentProblem;
}

/**
 * Decides, file by file in the order picked, which picked files join the ones already attached: a file
 * of a type Amazon refuses, an empty one, one too many, or one that would bring the total to the limit
 * is refused with a message that names it and says what to do. Names are cleaned and made unique here.
 */
export function admitFiles(
  attached: readonly AttachmentDraft[],
  picked: readonly AttachmentDraft[],
  maxItems: number,
  opts: { locale?: string } = {},
): Admission[] {
  const names = attached.map((a) => a.fileName);
  let count = attached.length;
  let total = attached.reduce((sum, f) => sum + Math.max(0, f.size), 0);
  return picked.map((p) => {
    const fileName = uniqueFileName(cleanFileName(p.fileName), names);
    names.push(fileName);
    const file = { ...p, fileName };
    const [own] = checkFile(file);
    if (own) return { file, refused: own };
    if (count >= maxItems) {
      return { file, refused: { key: 'msg_attach_refused_too_many', substitutions: [fileName, String(maxItems)] } };
    }
    if (total + file.size >= MAX_TOTAL_BYTES) {
      const room = Math.max(0, MAX_TOTAL_BYTES - 1 - total);
      return {
        file,
        refused: { key: 'msg_attach_refused_too_large', substitutions: [fileName, formatBytesNear(file.size, MAX_TOTAL_BYTES, opts.locale), formatBytes(room, opts.locale)] },
      };
    }
    count += 1;
    total += file.size;
    return { file };
  });
}

// Control characters, and the bidirectional overrides that let "invoice\u202Efdp.exe" look like a PDF.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Characters that Windows refuses in a file name: a buyer could not save the file under its name.
const RESERVED = /[<>:"|?*]/g;
/** The base name used when nothing usable is left of the one picked. */
export const FALLBACK_BASE_NAME = 'attachment';

function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

function cleanPart(text: string): string {
  return text.replace(UNSAFE, '').replace(RESERVED, ' ').replace(/\s+/g, ' ');
}

/** "report.pdf" → ["report", ".pdf"]; ".pdf" → ["", ".pdf"]; "README" → ["README", ""]. */
function splitName(name: string): [string, string] {
  const ext = extensionOf(name);
  if (ext !== undefined) return [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.'))];
  // A name that is only an extension (".pdf") is a PDF without a base name, not a hidden file.
  if (name.startsWith('.') && ALLOWED_EXTENSIONS.includes(name.slice(1).toLowerCase())) return ['', name];
  return [name, ''];
}

function assemble(base: string, suffix: string): string {
  // Leading dots would hide the file on some systems; trailing dots and spaces are dropped by others.
  let b = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (b === '') b = FALLBACK_BASE_NAME;
  const ext = truncateCodePoints(suffix, MAX_FILE_NAME_LENGTH - 1);
  return truncateCodePoints(b, MAX_FILE_NAME_LENGTH - Array.from(ext).length).replace(/[.\s]+$/, '') + ext;
}

/**
 * The name the buyer sees for a picked file (Amazon sends `fileName` as given): the last part of a
 * path only, no control or direction characters, no characters Windows refuses, trimmed, at most
 * MAX_FILE_NAME_LENGTH characters with the extension kept, and never an empty base name.
 */
export function cleanFileName(picked: string): string {
  const last = picked.split(/[/\\]/).filter((part) => part.trim() !== '').pop() ?? '';
  const [base, suffix] = splitName(cleanPart(last).trim());
  return assemble(base, suffix.trim());
}

/**
 * `name` made different from every name in `taken` (compared without case, as Windows and macOS do):
 * "invoice.pdf", then "invoice (2).pdf", "invoice (3).pdf"…
 */
export function uniqueFileName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const [base, suffix] = splitName(name);
  for (let n = 2; ; n++) {
    const mark = ` (${n})`;
    const candidate = assemble(truncateCodePoints(base, MAX_FILE_NAME_LENGTH - Array.from(suffix + mark).length) + mark, suffix);
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The name the buyer sees after the seller typed a new base name. The original extension is always kept,
 * so a file cannot be presented as a type it is not; an empty new name gives back the cleaned original.
 */
export function renameKeepingExtension(original: string, newBase: string): string {
  const originalName = cleanFileName(original);
  const [, suffix] = splitName(originalName);
  let base = cleanPart(newBase).replace(/[/\\]/g, '').trim();
  // "invoice.pdf" typed for a .pdf file means "invoice", not "invoice.pdf.pdf".
  if (suffix !== '' && base.toLowerCase().endsWith(suffix.toLowerCase())) base = base.slice(0, -suffix.length);
  if (base.replace(/^[.\s]+|[.\s]+$/g, '') === '') return originalName;
  return assemble(base, suffix);
}
