import type { Command } from 'commander';
import { buildProgram } from './program.js';

const GLOBAL_FLAGS = new Set(['--json', '--base-url', '--help']);

/** Every command that runs (not a group), with the words that name it. */
export function leafCommands(command: Command, prefix: string[] = []): Array<{ words: string[]; command: Command }> {
  return command.commands.flatMap((child) => {
    const words = [...prefix, child.name()];
    return child.commands.length ? leafCommands(child, words) : [{ words, command: child }];
  });
}

/** The whole command tree with nowhere to print and no environment, for reading its shape. */
export function silentProgram(): Command {
  const silent = { write: () => true };
  return buildProgram({
    stdout: silent,
    stderr: silent,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => '',
  });
}

/**
 * The README's command reference, generated from the command tree itself (and so from the operation table): every
 * command with its description and flags. A test keeps the README equal to it.
 */
export function commandReference(): string {
  const program = silentProgram();
  let namespace = '';
  const sections = leafCommands(program)
    .filter(({ words }) => words[0] !== 'help' && words[0] !== 'version')
    .map(({ words, command }) => {
      // A heading for each top-level group, with its description.
      const group = program.commands.find((candidate) => candidate.name() === words[0]);
      const about = words.length > 1 ? [group?.description() ?? '', ''] : [];
      const heading = words[0] !== namespace ? [`### ${words[0]}`, '', ...about] : [];
      namespace = words[0] ?? '';
      const help = command.createHelp();
      const flags = command.options
        .filter((option) => !option.hidden && !GLOBAL_FLAGS.has(option.long ?? ''))
        .map((option) => `- \`${option.flags}\`: ${help.optionDescription(option)}`.trimEnd());
      const args = command.registeredArguments
        .map((argument) => (argument.required ? ` <${argument.name()}>` : ` [${argument.name()}]`))
        .join('');
      return [...heading, `#### \`opentrain ${words.join(' ')}${args}\``, '', command.description(), '', ...flags]
        .join('\n')
        .trimEnd();
    });
  return `${sections.join('\n\n')}\n`;
}
