/** `text` as one single-quoted word for bash and zsh: `it's` → `'it'\''s'`. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** `text` as one single-quoted word for fish, where only `\` and `'` are escaped inside single quotes. */
export function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A `case` branch of a bash or zsh function: `'jobs list') printf … ;;`. */
export function caseBranch(patterns: readonly string[], body: string): string {
  return `    ${patterns.map(shellQuote).join('|')}) ${body} ;;`;
}
