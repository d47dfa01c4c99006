import { fishQuote } from './quote.js';
import type { CompletionFlag, CompletionNode } from './tree.js';

const FISH_FUNCTIONS = `# The command words typed so far (jobs draft create), up to the first word that is not one.
function __opentrain_command_path
    set -l command_path
    for token in (commandline -opc)[2..-1]
        if contains -- $token (__opentrain_subcommands "$command_path")
            set -a command_path $token
        else
            break
        end
    end
    echo $command_path
end

function __opentrain_at --argument-names expected
    set -l current (__opentrain_command_path)
    test "$current" = "$expected"
end
`;

function subcommandsFunction(nodes: readonly CompletionNode[]): string {
  const branches = nodes
    .filter((node) => node.subcommands.length > 0)
    .map(
      (node) =>
        `        case ${fishQuote(node.path)}\n            printf '%s\\n' ${node.subcommands.map((sub) => fishQuote(sub.name)).join(' ')}`,
    );
  return `function __opentrain_subcommands
    switch "$argv[1]"
${branches.join('\n')}
    end
end
`;
}

function flagLine(condition: string, flag: CompletionFlag): string {
  const names = flag.names.map((name) => (name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`));
  const value =
    flag.value === 'file'
      ? ['-r', '-F']
      : flag.value === 'word'
        ? ['-x', ...(flag.choices.length > 0 ? ['-a', fishQuote(flag.choices.join(' '))] : [])]
        : [];
  return ['complete -c opentrain -n', condition, ...names, ...value, '-d', fishQuote(flag.description)].join(' ');
}

/** A fish completion file for the whole command tree. */
export function fishScript(nodes: readonly CompletionNode[]): string {
  const lines = nodes.flatMap((node) => {
    const condition = fishQuote(`__opentrain_at ${fishQuote(node.path)}`);
    return [
      ...node.subcommands.map(
        (sub) => `complete -c opentrain -n ${condition} -a ${fishQuote(sub.name)} -d ${fishQuote(sub.description)}`,
      ),
      ...(node.argumentChoices.length > 0
        ? [`complete -c opentrain -n ${condition} -a ${fishQuote(node.argumentChoices.join(' '))}`]
        : []),
      ...node.flags.map((flag) => flagLine(condition, flag)),
    ];
  });
  return `# fish completion for opentrain, generated from its command tree by 'opentrain completion fish'.
# Install: opentrain completion fish > ~/.config/fish/completions/opentrain.fish

${subcommandsFunction(nodes)}
${FISH_FUNCTIONS}
# No file names unless a flag takes one.
complete -c opentrain -f
${lines.join('\n')}
`;
}
