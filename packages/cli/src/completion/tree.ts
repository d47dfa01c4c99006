import type { Command, Option } from 'commander';

/** A flag as a completion script needs it. */
export interface CompletionFlag {
  /** `-X` and `--method`; the long name last. */
  names: string[];
  description: string;
  /** `none`: a switch; `file`: a file name follows; `word`: any other value (`choices` when they are known). */
  value: 'none' | 'word' | 'file';
  choices: string[];
}

/** One command or group of the tree, named by the words that lead to it (`jobs draft`; the program is ``). */
export interface CompletionNode {
  path: string;
  subcommands: Array<{ name: string; description: string }>;
  flags: CompletionFlag[];
  /** The values of the first positional argument, when commander knows them (`completion <shell>`). */
  argumentChoices: string[];
}

// Long help texts (the --set keys) would fill a completion menu; one short line is enough there.
const MAX_DESCRIPTION = 80;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…` : line;
}

function completionFlag(option: Option): CompletionFlag {
  const takesValue = option.required || option.optional;
  return {
    names: [option.short, option.long].filter((name): name is string => Boolean(name)),
    description: oneLine(option.description),
    value: !takesValue ? 'none' : /<(path|file)>/.test(option.flags) ? 'file' : 'word',
    choices: [...(option.argChoices ?? [])],
  };
}

/** Every command and group under `root`, parents first, with the help's own view of flags and subcommands. */
export function completionTree(root: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const visit = (command: Command, path: string) => {
    const help = command.createHelp();
    const children = help.visibleCommands(command);
    nodes.push({
      path,
      subcommands: children.map((child) => ({ name: child.name(), description: oneLine(child.description()) })),
      flags: help.visibleOptions(command).map(completionFlag),
      argumentChoices: [...(command.registeredArguments[0]?.argChoices ?? [])],
    });
    for (const child of children) visit(child, path ? `${path} ${child.name()}` : child.name());
  };
  visit(root, '');
  return nodes;
}
