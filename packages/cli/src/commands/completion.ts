import { Argument, type Command } from 'commander';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { type CompletionNode, completionTree } from '../completion/tree.js';
import { zshScript } from '../completion/zsh.js';
import type { CliContext } from '../io.js';

const SCRIPTS: Readonly<Record<string, (nodes: readonly CompletionNode[]) => string>> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
};

const INSTALL = `
Install (then open a new shell):
  bash  opentrain completion bash > ~/.local/share/bash-completion/completions/opentrain
        (needs the bash-completion package; without it: echo 'source <(opentrain completion bash)' >> ~/.bashrc)
  zsh   opentrain completion zsh > ~/.zfunc/_opentrain
        (with fpath=(~/.zfunc $fpath) in ~/.zshrc, before compinit)
  fish  opentrain completion fish > ~/.config/fish/completions/opentrain.fish

The script is generated from this version's commands: generate it again after upgrading.
`;

/** `opentrain completion <shell>`: a completion script made from the command tree the program was built with. */
export function completionCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(Object.keys(SCRIPTS)))
    .addHelpText('after', INSTALL)
    .action((shell: string) => {
      const script = SCRIPTS[shell];
      if (script) ctx.stdout.write(script(completionTree(program)));
    });
}
