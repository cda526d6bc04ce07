/**
 * Readable text from an error body that is not the expected JSON (a proxy's HTML page, say).
 * Written as index scans rather than regexes: the obvious patterns (`<[^>]+>`, `<title[^>]*>`)
 * rescan the rest of the body from every `<` that has no `>`, which is quadratic in its size.
 */

const SNIPPET_LENGTH = 120;

/** The text with every `<...>` tag replaced by a space; a `<` never closed is kept as text. */
export function withoutTags(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    if (open === -1) break;
    const close = text.indexOf('>', open + 1);
    // No `>` after this `<` means none after any later `<` either: the rest is plain text.
    if (close === -1) break;
    if (close === open + 1) {
      // `<>` is not a tag (the old pattern needed one character inside): keep it and move on.
      parts.push(text.slice(from, close + 1));
    } else {
      parts.push(text.slice(from, open), ' ');
    }
    from = close + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The contents of the first `<title>` element, or null. */
export function htmlTitle(text: string): string | null {
  const lower = text.toLowerCase();
  const start = lower.indexOf('<title');
  if (start === -1) return null;
  const open = lower.indexOf('>', start);
  if (open === -1) return null;
  const close = lower.indexOf('</title>', open);
  if (close === -1) return null;
  const title = text.slice(open + 1, close);
  return title.includes('<') ? null : title.trim();
}

/** Runs of white space as one space, trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text cut to at most `max` characters, never inside a word: a secret the server echoed may
 * straddle the cut, and its first half would no longer match the redactor (which knows only whole
 * secrets, and in the n8n face runs after this). A first word longer than `max` is left out whole.
 */
export function shortenedAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const boundary = /\s/.test(text[max]) ? max : text.lastIndexOf(' ', max);
  const kept = boundary <= 0 ? '' : text.slice(0, boundary).trimEnd();
  return `${kept}...`;
}

/** A short description of a non-JSON body: its <title> for HTML pages, else its first words. */
export function describeBody(text: string, contentType: string): string {
  const snippet = shortenedAtWord(collapseSpaces(htmlTitle(text) ?? withoutTags(text)), SNIPPET_LENGTH);
  return `${contentType || 'no content type'}${snippet ? `: "${snippet}"` : ''}`;
}
