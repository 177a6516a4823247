// Owner-written Markdown as safe HTML: markdown-it renders it, sanitize-html keeps only text markup and plain links, so
// a description can neither run a script nor make the page load anything from another site.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { type SafeHtml, trusted } from './html.js';

// Images are left out: they would load from wherever the owner points. Headings start at h3, below the page's own.
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true }).disable('image');
markdown.renderer.rules.heading_open = (tokens, index) => {
  const level = Math.min(6, Number(tokens[index]?.tag.slice(1) ?? 1) + 2);
  return `<h${level}>`;
};
markdown.renderer.rules.heading_close = (tokens, index) => {
  const level = Math.min(6, Number(tokens[index]?.tag.slice(1) ?? 1) + 2);
  return `</h${level}>\n`;
};

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'del',
    's',
    'sub',
    'sup',
    'abbr',
  ],
  allowedAttributes: { a: ['href', 'title'], abbr: ['title'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }),
  },
};
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ['href', 'title', 'rel'] };

/** Markdown → HTML with only text markup and http(s)/mailto links left. */
export function renderMarkdown(text: string): SafeHtml {
  return trusted(sanitizeHtml(markdown.render(text), allowed));
}
