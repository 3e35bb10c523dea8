/**
 * docs/privacy-policy.md as a page inside the extension (privacy.html), so the options page can link to
 * the policy without a website. Handles the Markdown the policy uses: headings, paragraphs, lists,
 * tables, **bold**, `code` and [links](…).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function inline(text: string): string {
  return escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
}

export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const blocks = markdown.trim().split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n');
    const heading = /^(#{1,3}) (.*)$/.exec(block);
    if (heading && lines.length === 1) out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    else if (lines.every((l) => l.startsWith('|'))) {
      const cells = (l: string) => l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      const [head, , ...rows] = lines;
      out.push(`<table><thead><tr>${cells(head!).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`);
      for (const row of rows) out.push(`<tr>${cells(row).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
      out.push('</tbody></table>');
    } else if (lines[0]!.startsWith('- ')) {
      const items = block.split(/\n(?=- )/).map((item) => `<li>${inline(item.replace(/^- /, '').replace(/\n\s+/g, ' '))}</li>`);
      out.push(`<ul>${items.join('')}</ul>`);
    } else out.push(`<p>${inline(lines.join(' '))}</p>`);
  }
  return out.join('\n');
}

export function privacyPage(root: string): string {
  const body = markdownToHtml(readFileSync(join(root, 'docs', 'privacy-policy.md'), 'utf8'));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order Courier — privacy policy and data use</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; color: #111; max-width: 760px; margin: 24px auto; padding: 0 16px; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
code { background: #f4f4f4; padding: 0 3px; }
a:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
