import { describe, expect, it } from 'vitest';
import {
  ACCEPT,
  MAX_TOTAL_BYTES,
  checkAttachments,
  MAX_FILE_NAME_LENGTH,
  admitFiles,
  checkFile,
  cleanFileName,
  formatBytes,
  renameKeepingExtension,
  uniqueFileName,
} from '../../../lib/messaging/attachments';

const file = (fileName: string, type = '', size = 1000) => ({ fileName, size, type });
const keys = (problems: { key: string }[]) => problems.map((p) => p.key);
const limits = { minItems: 0, maxItems: 5 };

describe('file types', () => {
  it.each([
    ['notes.txt', 'text/plain'],
    ['notes.txt', 'text/plain; charset=utf-8'],
    ['invoice.pdf', 'application/pdf'],
    ['INVOICE.PDF', 'application/pdf'],
    ['letter.doc', 'application/msword'],
    ['letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['anim.gif', 'image/gif'],
    ['label.png', 'image/png'],
    ['label.png', ''],
    ['letter.docx', 'application/octet-stream'],
  ])('accepts %s (%s)', (name, type) => {
    expect(checkFile(file(name, type))).toEqual([]);
  });

  it.each(['archive.zip', 'setup.exe', 'page.html', 'photo.webp', 'photo.heic', 'sheet.xlsx'])('refuses %s by its extension', (name) => {
    const [p] = checkFile(file(name));
    expect(p?.key).toBe('msg_attach_type_not_allowed');
    expect(p?.substitutions).toEqual([name, name.slice(name.lastIndexOf('.'))]);
  });

  it('refuses a file whose MIME type contradicts its extension', () => {
    expect(checkFile(file('invoice.pdf', 'application/x-msdownload'))).toEqual([
      // The seller is told the extension and that the content differs, not the browser's MIME type.
      { key: 'msg_attach_type_mismatch', substitutions: ['invoice.pdf', '.pdf'] },
    ]);
    expect(keys(checkFile(file('photo.png', 'image/jpeg')))).toEqual(['msg_attach_type_mismatch']);
  });

  it('refuses names without an extension and empty files', () => {
    expect(keys(checkFile(file('README')))).toEqual(['msg_attach_no_extension']);
    expect(keys(checkFile(file('.pdf')))).toEqual(['msg_attach_no_extension']);
    expect(keys(checkFile(file('empty.pdf', 'application/pdf', 0)))).toEqual(['msg_attach_empty']);
  });

  it('tells the file picker the same list', () => {
    expect(ACCEPT).toBe('.txt,.pdf,.doc,.docx,.jpg,.jpeg,.gif,.png');
  });
});

describe('total size (strictly under 10 MB, read as 10,000,000 bytes)', () => {
  const MB = 1_000_000;

  it('holds the total under 10,000,000 bytes, which is under 10 MB however Amazon counts a megabyte', () => {
    expect(MAX_TOTAL_BYTES).toBe(10_000_000);
    expect(keys(checkAttachments([file('a.pdf', '', 10_000_000)], limits))).toEqual(['msg_attach_total_too_large']);
    expect(checkAttachments([file('a.pdf', '', 9_999_999)], limits)).toEqual([]);
  });

  it('never says a total that reads as the limit itself is too much', () => {
    const [p] = checkAttachments([file('a.pdf', '', 10_000_400)], limits);
    expect(p?.substitutions[0]).toBe('10,000,400 B');
  });

  it('accepts one byte under the limit, split over several files', () => {
    const files = [file('a.pdf', '', 4 * MB), file('b.pdf', '', 6 * MB - 1)];
    expect(checkAttachments(files, limits)).toEqual([]);
  });

  it('refuses exactly 10 MB and says one byte has to go', () => {
    const problems = checkAttachments([file('a.pdf', '', MAX_TOTAL_BYTES)], limits);
    expect(problems).toEqual([{ key: 'msg_attach_total_too_large', substitutions: ['10 MB', '1 B'] }]);
    expect(formatBytes(MAX_TOTAL_BYTES)).toBe('10 MB');
  });

  it('says how much over a larger total is', () => {
    const problems = checkAttachments([file('a.pdf', '', 8 * MB), file('b.png', '', 3.5 * MB)], limits);
    expect(problems).toEqual([{ key: 'msg_attach_total_too_large', substitutions: ['11.5 MB', '1.5 MB'] }]);
  });

  it('formats sizes for the seller\'s language', () => {
    expect(formatBytes(1.5 * MB, 'de')).toBe('1,5 MB');
    expect(formatBytes(2000)).toBe('2 kB');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('number of files', () => {
  it('uses the form\'s limits', () => {
    expect(keys(checkAttachments([], { minItems: 1, maxItems: 5 }))).toEqual(['msg_attach_required_one']);
    expect(checkAttachments([], { minItems: 2, maxItems: 5 })).toEqual([{ key: 'msg_attach_required', substitutions: ['2'] }]);
    const three = [file('a.pdf'), file('b.pdf'), file('c.pdf')];
    expect(checkAttachments(three, { minItems: 0, maxItems: 2 })).toEqual([{ key: 'msg_attach_too_many', substitutions: ['3', '2'] }]);
  });

  it('reports which file a problem is about', () => {
    const problems = checkAttachments([file('a.pdf'), file('b.zip')], limits);
    expect(problems).toEqual([{ file: 1, key: 'msg_attach_type_not_allowed', substitutions: ['b.zip', '.zip'] }]);
  });
});

describe('renameKeepingExtension', () => {
  it.each([
    ['Scan 0042.PDF', 'Invoice 1001', 'Invoice 1001.PDF'],
    ['scan.pdf', 'invoice.pdf', 'invoice.pdf'],
    ['scan.pdf', 'invoice.exe', 'invoice.exe.pdf'],
    ['scan.pdf', '  Rechnung März  ', 'Rechnung März.pdf'],
    ['scan.pdf', '../../etc/passwd', 'etcpasswd.pdf'],
    ['scan.pdf', 'C:\\Users\\me\\bill', 'C Usersmebill.pdf'],
    ['scan.pdf', 'bill\u0000\u0007\nname', 'billname.pdf'],
    ['scan.pdf', 'invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
    ['scan.pdf', 'final. . .', 'final.pdf'],
    ['C:\\fakepath\\scan.pdf', '', 'scan.pdf'],
    ['notes', 'My notes', 'My notes'],
    ['photo.jpeg', '   ', 'photo.jpeg'],
  ])('%j renamed to %j gives %j', (original, base, expected) => {
    expect(renameKeepingExtension(original, base)).toBe(expected);
  });

  it('keeps the name within 100 characters, extension included', () => {
    const name = renameKeepingExtension('scan.docx', 'ä'.repeat(400));
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.docx')).toBe(true);
    const emoji = renameKeepingExtension('scan.pdf', '📦'.repeat(300));
    expect(Array.from(emoji)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]\.pdf$/); // no half emoji before the extension
  });
});

describe('names as picked are cleaned before anything is sent', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\invoice.pdf', 'invoice.pdf'],
    ['C:\\fakepath\\scan.pdf', 'scan.pdf'],
    ['in\u0000voi\u0007ce\n.pdf', 'invoice.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  Rechnung   März  .pdf ', 'Rechnung März.pdf'],
    ['what?: "quote" <1>|*.pdf', 'what quote 1.pdf'],
    ['.pdf', 'attachment.pdf'],
    ['....pdf', 'attachment.pdf'],
    ['../', 'attachment'],
    ['', 'attachment'],
    ['report.final.PDF', 'report.final.PDF'],
  ])('%j is sent as %j', (picked, expected) => {
    expect(cleanFileName(picked)).toBe(expected);
  });

  it('shortens a long name to 100 characters and keeps its extension', () => {
    const name = cleanFileName(`${'Rechnung '.repeat(60)}.pdf`);
    expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(name).toMatch(/^Rechnung .*[^ .]\.pdf$/);
  });

  it('makes names unique within a message, whatever their case', () => {
    expect(uniqueFileName('invoice.pdf', [])).toBe('invoice.pdf');
    expect(uniqueFileName('invoice.pdf', ['invoice.pdf'])).toBe('invoice (2).pdf');
    expect(uniqueFileName('Invoice.PDF', ['invoice.pdf', 'invoice (2).pdf'])).toBe('Invoice (3).PDF');
    const long = cleanFileName(`${'x'.repeat(200)}.pdf`);
    const second = uniqueFileName(long, [long]);
    expect(second.endsWith(' (2).pdf')).toBe(true);
    expect(Array.from(second)).toHaveLength(MAX_FILE_NAME_LENGTH);
  });
});

describe('files picked are admitted one by one', () => {
  const pdf = (name: string, size = 1000) => ({ fileName: name, size, type: 'application/pdf' });

  it('cleans and numbers the names of the same file picked twice', () => {
    const admitted = admitFiles([pdf('invoice.pdf')], [pdf('invoice.pdf'), pdf('../invoice.pdf')], 5);
    expect(admitted.map((a) => a.file.fileName)).toEqual(['invoice (2).pdf', 'invoice (3).pdf']);
    expect(admitted.every((a) => a.refused === undefined)).toBe(true);
  });

  it('refuses, by name, the files over the count; the others are attached', () => {
    const attached = [pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf'), pdf('d.pdf')];
    const admitted = admitFiles(attached, [pdf('e.pdf'), pdf('f.pdf')], 5);
    expect(admitted[0]?.refused).toBeUndefined();
    expect(admitted[1]?.refused).toEqual({ key: 'msg_attach_refused_too_many', substitutions: ['f.pdf', '5'] });
  });

  it('refuses the file that would bring the total to 10 MB and says how much room is left', () => {
    const admitted = admitFiles([pdf('a.pdf', 6_000_000)], [pdf('b.pdf', 5_000_000), pdf('c.pdf', 1_000_000)], 5);
    expect(admitted[0]?.refused).toEqual({ key: 'msg_attach_refused_too_large', substitutions: ['b.pdf', '5 MB', '4 MB'] });
    expect(admitted[1]?.refused).toBeUndefined();
  });

  it('refuses a wrong type or an empty file without counting it', () => {
    const admitted = admitFiles([], [pdf('tool.exe'), pdf('empty.pdf', 0), pdf('ok.pdf')], 1);
    expect(admitted.map((a) => a.refused?.key)).toEqual(['msg_attach_type_not_allowed', 'msg_attach_empty', undefined]);
  });
});
