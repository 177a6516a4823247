import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

const render = (text: string) => renderMarkdown(text).value;

describe('owner-written Markdown', () => {
  it('renders text markup, lists, tables and links, headings below the page heading', () => {
    const markup = render(
      '# Goal\n\n**Bold** and _em_.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [the site](https://example.org).',
    );
    expect(markup).toContain('<h3>Goal</h3>');
    expect(markup).toContain('<strong>Bold</strong> and <em>em</em>');
    expect(markup).toContain('<li>one</li>');
    expect(markup).toContain('<td>1</td>');
    expect(markup).toContain('<a href="https://example.org" rel="nofollow ugc noopener">the site</a>');
  });

  it('drops scripts, event handlers, images (a Markdown one stays a link), frames, styles and script links', () => {
    const markup = render(
      [
        '<script>alert(1)</script>',
        '<img src="https://tracker.example.org/p.png" onerror="alert(2)">',
        '![pixel](https://tracker.example.org/q.png)',
        '<iframe src="https://example.org"></iframe>',
        '<p style="color:red" onclick="alert(3)">styled</p>',
        '[trap](javascript:alert(4)) <a href="data:text/html,x">data</a>',
      ].join('\n\n'),
    );
    expect(markup).not.toMatch(/<script|alert\(1\)|<img|onerror|<iframe|style=|onclick|href="javascript:|href="data:/);
    expect(markup).not.toContain('tracker.example.org/p.png');
    expect(markup).toContain('styled');
  });

  it('keeps text that only looks like markup as text', () => {
    expect(render('1 < 2 and a & b')).toBe('<p>1 &lt; 2 and a &amp; b</p>\n');
  });
});
