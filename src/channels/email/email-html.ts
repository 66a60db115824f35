/**
 * HTML of an email as staff may see it: no scripts, no event handlers, no styles that load anything, and no remote
 * resource that would tell the sender the mail was read (remote images, tracking pixels). Inline images stay as
 * `cid:` references, which the workspace resolves to the message's attachments.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    font: ['color'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid'] },
  allowProtocolRelative: false,
  // Links open elsewhere and never leak the workspace URL to the sender's site.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
};

// target/rel are added by the transform above: allow them on links only.
(OPTIONS.allowedAttributes as Record<string, string[]>).a?.push('target', 'rel');

/** Sanitized HTML; null for an empty result. */
export function sanitizeEmailHtml(html: string | null | undefined): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean.length > 0 ? clean : null;
}

/**
 * The text of an HTML body, for when mailparser declined to render it (too long, nested too deep): the sanitizer's
 * parser copes with broken markup; block ends become line breaks first.
 */
export function htmlToPlainText(html: string): string {
  const spaced = html.replace(/<(br|\/p|\/div|\/tr|\/h\d|\/li)\b[^>]*>/gi, '\n');
  return sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'head', 'title'],
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
