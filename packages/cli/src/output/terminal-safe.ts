// Text from the API (a trainer's message, a candidate's name) reaches the terminal. A control character in it could
// move the cursor, rewrite earlier lines or send escape sequences to the terminal, so every one except tab and
// newline is shown as U+FFFD instead. JSON output is unaffected: JSON escapes these characters itself.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/g;

export const REPLACEMENT = '\uFFFD';

/** `text` with Windows line ends made plain and every other control character replaced. */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, REPLACEMENT);
}
