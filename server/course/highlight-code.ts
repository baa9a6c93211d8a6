import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import json from 'highlight.js/lib/languages/json';
import typescript from 'highlight.js/lib/languages/typescript';

// Only the languages the course's code blocks use, plus Redis's command lines.
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('redis', () => ({
  name: 'Redis',
  case_insensitive: true,
  contains: [
    // The command is the first word of a line; its arguments follow.
    { scope: 'keyword', begin: /^\s*[A-Za-z][A-Za-z.|-]*/ },
    hljs.QUOTE_STRING_MODE,
    hljs.APOS_STRING_MODE,
    // A number is a whole argument: the 1 of user:1 is part of a key.
    { scope: 'number', begin: /(?<=\s)-?\d+(?:\.\d+)?(?=\s|$)/ },
  ],
}));

const ALIASES: Record<string, string> = { ts: 'typescript', sh: 'bash', shell: 'bash' };

/**
 * The block's code as highlighted, escaped HTML, or '' to let markdown-it escape it plainly (an
 * unknown language, a reply shown as text).
 */
export function highlightCode(code: string, language: string): string {
  const name = ALIASES[language] ?? language;
  if (!hljs.getLanguage(name)) return '';
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}
