import { describe, expect, it } from 'vitest';
import {
  ACCEPT,
  MAX_TOTAL_BYTES,
  checkAttachments,
  checkFile,
  formatBytes,
  renameKeepingExtension,
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
      { key: 'msg_attach_type_mismatch', substitutions: ['invoice.pdf', 'application/x-msdownload', '.pdf'] },
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

describe('total size (strictly under 10 MB)', () => {
  const MB = 1024 * 1024;

  it('accepts one byte under the limit, split over several files', () => {
    const files = [file('a.pdf', '', 4 * MB), file('b.pdf', '', 6 * MB - 1)];
    expect(checkAttachments(files, limits)).toEqual([]);
  });

  it('refuses exactly 10 MB and says one byte has to go', () => {
    const problems = checkAttachments([file('a.pdf', '', MAX_TOTAL_BYTES)], limits);
    expect(problems).toEqual([{ key: 'msg_attach_total_too_large', substitutions: ['10 MB', '1 B'] }]);
  });

  it('says how much over a larger total is', () => {
    const problems = checkAttachments([file('a.pdf', '', 8 * MB), file('b.png', '', 3.5 * MB)], limits);
    expect(problems).toEqual([{ key: 'msg_attach_total_too_large', substitutions: ['11.5 MB', '1.5 MB'] }]);
  });

  it('formats sizes for the seller\'s language', () => {
    expect(formatBytes(1.5 * MB, 'de')).toBe('1,5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
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
    ['scan.pdf', 'C:\\Users\\me\\bill', 'C:Usersmebill.pdf'],
    ['scan.pdf', 'bill\u0000\u0007\nname', 'billname.pdf'],
    ['scan.pdf', 'invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
    ['scan.pdf', 'final. . .', 'final.pdf'],
    ['C:\\fakepath\\scan.pdf', '', 'scan.pdf'],
    ['notes', 'My notes', 'My notes'],
    ['photo.jpeg', '   ', 'photo.jpeg'],
  ])('%j renamed to %j gives %j', (original, base, expected) => {
    expect(renameKeepingExtension(original, base)).toBe(expected);
  });

  it('keeps the name within 255 characters, extension included', () => {
    const name = renameKeepingExtension('scan.docx', 'ä'.repeat(400));
    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('.docx')).toBe(true);
    const emoji = renameKeepingExtension('scan.pdf', '📦'.repeat(300));
    expect(Array.from(emoji)).toHaveLength(255);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]\.pdf$/); // no half emoji before the extension
  });
});
