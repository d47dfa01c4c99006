import { caseBranch, shellQuote } from './quote.js';
import type { CompletionNode } from './tree.js';

/** `jobs list --status`: how `_opentrain_flag_values` names a flag of a command. */
const flagKey = (path: string, flag: string) => (path ? `${path} ${flag}` : flag);

export const echo = (words: readonly string[]) => `echo ${shellQuote(words.join(' '))}`;

/**
 * The lookup tables shared by the bash and zsh scripts, as `case` statements (no associative arrays, so the bash
 * of macOS, 3.2, runs it too). A flag that takes a value is in `_opentrain_flag_values`: it prints the words the
 * value may be, `@file` for a file name, or nothing for free text; a switch is not listed there (exit status 1).
 */
export function lookupFunctions(nodes: readonly CompletionNode[]): string {
  const subcommands = nodes
    .filter((node) => node.subcommands.length > 0)
    .map((node) => caseBranch([node.path], echo(node.subcommands.map((sub) => sub.name))));
  const values = nodes.flatMap((node) =>
    node.flags
      .filter((flag) => flag.value !== 'none')
      .map((flag) =>
        caseBranch(
          flag.names.map((name) => flagKey(node.path, name)),
          flag.value === 'file' ? echo(['@file']) : flag.choices.length > 0 ? echo(flag.choices) : ':',
        ),
      ),
  );
  const argumentChoices = nodes
    .filter((node) => node.argumentChoices.length > 0)
    .map((node) => caseBranch([node.path], echo(node.argumentChoices)));
  return `_opentrain_subcommands() {
  case "$1" in
${subcommands.join('\n')}
  esac
}

_opentrain_flag_values() {
  case "$1" in
${values.join('\n')}
    *) return 1 ;;
  esac
}

_opentrain_arguments() {
  case "$1" in
${argumentChoices.join('\n')}
  esac
}
`;
}
