import { describe, expect, it } from 'vitest';
import { html, langOf } from './html.js';
import { outsideLink } from './parts.js';

describe('links to addresses someone wrote', () => {
  it('links web addresses and leaves anything else as text', () => {
    expect(outsideLink('https://example.org/a?b=1&c=2', 'site', 'url').value).toBe(
      '<a itemprop="url" href="https://example.org/a?b=1&amp;c=2" rel="nofollow">site</a>',
    );
    expect(outsideLink('javascript:alert(1)', 'trap').value).toBe('trap');
    expect(outsideLink('data:text/html,<b>x</b>', '<b>x</b>').value).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes every value a template is given, unless it is markup already', () => {
    expect(html`<p title="${'"quoted" & <tag>'}">${html`<em>${'<i>'}</em>`}${['a', null, false, 1]}</p>`.value).toBe(
      '<p title="&quot;quoted&quot; &amp; &lt;tag&gt;"><em>&lt;i&gt;</em>a1</p>',
    );
  });

  it('marks text in another language than the page with its language, and only such text', () => {
    expect(html`<h1${langOf('ro')}>Titlu</h1>`.value).toBe('<h1 lang="ro">Titlu</h1>');
    expect(html`<h1${langOf('en')}>Title</h1>`.value).toBe('<h1>Title</h1>');
    expect(html`<h1${langOf(undefined)}>Title</h1>`.value).toBe('<h1>Title</h1>');
  });
});
