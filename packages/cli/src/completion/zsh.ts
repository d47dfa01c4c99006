import { lookupFunctions } from './lookup.js';
import { caseBranch, shellQuote } from './quote.js';
import type { CompletionNode } from './tree.js';

/** `print` of `name:description` lines, the form `_describe` reads. */
const described = (entries: ReadonlyArray<{ name: string; description: string }>) =>
  `print -rl -- ${entries.map(({ name, description }) => shellQuote(`${name}:${description}`)).join(' ')}`;

const ZSH_COMPLETE = `_opentrain_complete_values() {
  if [[ $1 == @file ]]; then
    _files
  else
    compadd -- \${=1}
  fi
}

_opentrain() {
  local command_path='' word entry cur prev values
  local -a entries
  local -i i=2 found
  # Follow the command words (jobs draft create) up to the first word that is not one.
  while (( i < CURRENT )); do
    word=\${words[i]}
    found=0
    for entry in \${=$(_opentrain_subcommands "$command_path")}; do
      [[ $entry == "$word" ]] && found=1
    done
    (( found )) || break
    command_path=\${command_path:+$command_path }$word
    (( i++ ))
  done
  cur=\${words[CURRENT]}
  prev=\${words[CURRENT - 1]}

  if [[ $cur == --*=* ]]; then
    if values=$(_opentrain_flag_values "\${command_path:+$command_path }\${cur%%=*}"); then
      compset -P '*='
      _opentrain_complete_values "$values"
    fi
    return
  fi
  if [[ $prev == -* ]] && values=$(_opentrain_flag_values "\${command_path:+$command_path }$prev"); then
    _opentrain_complete_values "$values"
    return
  fi
  if [[ $cur != -* ]] && (( i == CURRENT )); then
    entries=(\${(f)"$(_opentrain_commands "$command_path")"})
    if (( \${#entries} )); then
      _describe -t commands 'opentrain command' entries
      return
    fi
    values=$(_opentrain_arguments "$command_path")
    if [[ -n $values ]]; then
      compadd -- \${=values}
      return
    fi
  fi
  entries=(\${(f)"$(_opentrain_flags "$command_path")"})
  _describe -t options 'option' entries
}
`;

/** A zsh completion function (`_opentrain`) for the whole command tree, to put on $fpath or to source. */
export function zshScript(nodes: readonly CompletionNode[]): string {
  const commands = nodes
    .filter((node) => node.subcommands.length > 0)
    .map((node) => caseBranch([node.path], described(node.subcommands)));
  const flags = nodes.map((node) =>
    caseBranch(
      [node.path],
      described(node.flags.flatMap((flag) => flag.names.map((name) => ({ name, description: flag.description })))),
    ),
  );
  return `#compdef opentrain
# zsh completion for opentrain, generated from its command tree by 'opentrain completion zsh'.
# Install: opentrain completion zsh > ~/.zfunc/_opentrain, with fpath=(~/.zfunc $fpath) in ~/.zshrc before compinit
#      or: echo 'source <(opentrain completion zsh)' >> ~/.zshrc (after compinit)

compdef _opentrain opentrain

${lookupFunctions(nodes)}
_opentrain_commands() {
  case "$1" in
${commands.join('\n')}
  esac
}

_opentrain_flags() {
  case "$1" in
${flags.join('\n')}
  esac
}

${ZSH_COMPLETE}
# Loaded from $fpath, this file is the body of _opentrain: run it. Sourced, it only defines the functions.
if [[ $funcstack[1] == _opentrain ]]; then
  _opentrain "$@"
fi
`;
}
