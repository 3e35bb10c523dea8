import { describe, expect, it } from 'vitest';
import { checkCompliance } from '../../../lib/messaging/compliance';

const matches = (text: string) => {
  const r = checkCompliance(text);
  return { errors: r.errors.map((f) => [f.kind, f.match]), warnings: r.warnings.map((f) => f.match) };
};

describe('HTML', () => {
  it.each([
    ['Thanks for your order <b>today</b>', ['<b>', '</b>']],
    ['<a href="https://example.com">click</a>', ['<a href="https://example.com">', '</a>']],
    ['Line one<br/>line two<BR>', ['<br/>', '<BR>']],
    ['<p class="x">Hi</p>', ['<p class="x">', '</p>']],
    ['<img src=x onerror=alert(1)>', ['<img src=x onerror=alert(1)>']],
    ['hidden <!-- note --> text', ['<!--']],
  ])('refuses the tags in %j', (text, tags) => {
    const r = checkCompliance(text);
    expect(r.errors.filter((f) => f.kind === 'html-tag').map((f) => f.match)).toEqual(tags);
  });

  it.each([['Price&nbsp;is 5', '&nbsp;'], ['Fish &amp; chips', '&amp;'], ['x&#160;y', '&#160;'], ['x&#xA0;y', '&#xA0;']])(
    'refuses the entity in %j',
    (text, entity) => {
      expect(matches(text).errors).toEqual([['html-entity', entity]]);
    },
  );

  it.each([
    '3 < 5 and 7 > 2',
    'a < b',
    'x<y and y>z',
    'I <3 this mug',
    'Q&A for R&D, AT&T',
    'Tom & Jerry; Laurel & Hardy',
    '<<< see below >>>',
    'Use the -> arrow',
  ])('leaves plain text alone: %j', (text) => {
    expect(checkCompliance(text).errors).toEqual([]);
  });

  it('gives the index of each finding so the UI can highlight it', () => {
    const text = 'Hi <i>you</i>';
    const [first, second] = checkCompliance(text).errors;
    expect(text.slice(first!.index, first!.index + first!.match.length)).toBe('<i>');
    expect(second?.index).toBe(9);
  });
});

describe('email addresses', () => {
  it.each([
    ['Write to jane.doe+orders@example.co.uk please', 'jane.doe+orders@example.co.uk'],
    ['Mail: SUPPORT@Example.COM.', 'SUPPORT@Example.COM'],
    ['name [at] domain [dot] com', 'name [at] domain [dot] com'],
    ['reach me at name(at)shop(dot)de', 'name(at)shop(dot)de'],
    ['service {AT} my-shop.com', 'service {AT} my-shop.com'],
    ['kontakt[at]laden.de', 'kontakt[at]laden.de'],
  ])('refuses %j', (text, email) => {
    const r = checkCompliance(text);
    expect(r.errors.map((f) => [f.kind, f.match])).toEqual([['email', email]]);
    // The domain inside an email address is not also reported as a link.
    expect(r.warnings).toEqual([]);
  });

  it('finds the address where it is in the text', () => {
    const text = 'Ask 🙂 ops@example.com';
    const f = checkCompliance(text).errors[0];
    expect(text.slice(f!.index, f!.index + f!.match.length)).toBe('ops@example.com');
  });

  it.each([
    'Look at the box, it is at the door',
    'Meet me at noon. Dot the i.',
    'We are @shop on social media',
    'Price: 5 @ 2.50 each',
    'Dr. Smith will call',
    'e.g. version 2.0, i.e. v1.2.3',
  ])('does not mistake %j for an email address', (text) => {
    expect(checkCompliance(text).errors).toEqual([]);
  });
});

describe('links (warnings)', () => {
  it.each([
    ['Track: https://track.example.com/a?b=1.', 'https://track.example.com/a?b=1'],
    ['See http://example.org', 'http://example.org'],
    ['Go to www.example.de/hilfe, thanks', 'www.example.de/hilfe'],
    ['Visit example.com/path for details', 'example.com/path'],
    ['Short link (amzn.to/3xYz)', 'amzn.to/3xYz'],
    ['Our shop: my-shop.co.uk', 'my-shop.co.uk'],
  ])('flags %j', (text, link) => {
    const r = checkCompliance(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.match)).toEqual([link]);
    expect(r.warnings[0]?.key).toBe('msg_compliance_link');
  });

  it.each([
    'Dr. Smith checked version 2.0 of the file.',
    'See invoice.pdf and photo.jpg attached',
    'Thanks.In the box you will find 3.5 kg',
    'No.It is fine',
    'Order 902-3159896-1390916 ships on 23.11.2026',
    'Total: $1,234.56',
  ])('does not flag %j', (text) => {
    expect(checkCompliance(text)).toEqual({ errors: [], warnings: [] });
  });

  it('reports a link inside an HTML tag once, as HTML', () => {
    const r = checkCompliance('<a href="https://x.example.com">x</a>');
    expect(r.errors.map((e) => e.kind)).toEqual(['html-tag', 'html-tag']);
    expect(r.warnings).toEqual([]);
  });
});
