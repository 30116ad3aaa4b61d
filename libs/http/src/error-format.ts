/** The reason phrase of each status the service sends, as WebOb spells them. */
export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** The three error body formats Glance's WebOb error pages come in. */
export type ErrorFormat = 'plain' | 'json' | 'html';

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
  readonly specificity: number;
}

/**
 * Picks the error format from `Accept` the way WebOb does: the offers are `text/html` then
 * `application/json`, the best quality wins and ties go to the earlier offer; no header, or a
 * header that accepts neither, gives plain text.
 */
export function negotiateErrorFormat(accept: string | undefined): ErrorFormat {
  if (!accept || !accept.trim()) return 'plain';
  const ranges = parseAccept(accept);
  const html = qualityOf(ranges, 'text', 'html');
  const json = qualityOf(ranges, 'application', 'json');
  if (html <= 0 && json <= 0) return 'plain';
  return json > html ? 'json' : 'html';
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType, ...parameters] = part.trim().split(';');
    const [type, subtype] = mediaType.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let quality = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2;
    ranges.push({ type, subtype, quality, specificity });
  }
  return ranges;
}

/** The quality of the most specific range matching `type/subtype`, or 0. */
function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  let best: MediaRange | undefined;
  for (const range of ranges) {
    const matches =
      (range.type === '*' || range.type === type) &&
      (range.subtype === '*' || range.subtype === subtype);
    if (matches && (!best || range.specificity > best.specificity)) best = range;
  }
  return best?.quality ?? 0;
}

/** An error ready to send: content type and body. */
export interface RenderedError {
  readonly contentType: string;
  readonly body: string;
}

/** The WebOb page templates: most errors, 405 pages, and 501 pages. */
export type ErrorTemplate = 'standard' | 'method' | 'not-implemented';

const TEMPLATES: Readonly<
  Record<ErrorTemplate, { html: [string, string]; plain: [string, string] }>
> = {
  standard: { html: ['', '<br /><br />\n\n\n'], plain: ['', '\n\n   '] },
  method: { html: ['', '<br /><br />\n'], plain: ['', '\n\n '] },
  'not-implemented': { html: ['\n', '<br /><br />\n'], plain: [' ', '\n\n '] },
};

/**
 * Renders an error page as Glance's WebOb pages look. `explanation` is the (translated)
 * message. Unlike WebOb, which escapes non-ASCII characters (`\uXXXX` in JSON, `&#NNN;` in
 * HTML), every format writes them as UTF-8, so translated messages stay readable as sent.
 */
export function renderError(
  status: number,
  explanation: string,
  format: ErrorFormat,
  template: ErrorTemplate = 'standard',
): RenderedError {
  const title = STATUS_TITLES[status] ?? 'Error';
  const statusLine = `${status} ${title}`;
  const parts = TEMPLATES[template];
  const htmlBody = `${parts.html[0]}${explanation}${parts.html[1]}`;

  switch (format) {
    case 'json':
      return {
        contentType: 'application/json',
        body: pythonJsonObject({ message: htmlBody, code: statusLine, title }),
      };
    case 'html':
      return {
        contentType: 'text/html; charset=UTF-8',
        body:
          `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n` +
          `  <h1>${statusLine}</h1>\n  ${parts.html[0]}${escapeHtml(explanation)}${parts.html[1]}` +
          '\n </body>\n</html>',
      };
    case 'plain':
      return {
        contentType: 'text/plain; charset=UTF-8',
        body: `${statusLine}\n\n${parts.plain[0]}${stripTags(explanation)}${parts.plain[1]}`,
      };
  }
}

/** Escapes the five markup characters as WebOb's `html_escape` does, and nothing else. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/**
 * Serializes string fields with the `", "` and `": "` separators of Python's `json.dumps`,
 * which WebOb uses. Non-ASCII characters stay literal.
 */
function pythonJsonObject(fields: Readonly<Record<string, string>>): string {
  const members = Object.entries(fields).map(
    ([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{${members.join(', ')}}`;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}
