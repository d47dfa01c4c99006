import { echo, lookupFunctions } from './lookup.js';
import { caseBranch } from './quote.js';
import type { CompletionNode } from './tree.js';

const BASH_COMPLETE = `_opentrain() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev='' command_path='' word values candidates
  local i=1
  COMPREPLY=()
  # Follow the command words (jobs draft create) up to the first word that is not one.
  while (( i < COMP_CWORD )); do
    word=\${COMP_WORDS[i]}
    case " $(_opentrain_subcommands "$command_path") " in
      *" $word "*) command_path=\${command_path:+$command_path }$word; i=$((i + 1)) ;;
      *) break ;;
    esac
  done
  (( COMP_CWORD > 0 )) && prev=\${COMP_WORDS[COMP_CWORD - 1]}
  # Bash splits --status=OPEN into --status, = and OPEN.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
    prev=\${COMP_WORDS[COMP_CWORD - 2]}
  fi

  if [[ $prev == -* ]] && values=$(_opentrain_flag_values "\${command_path:+$command_path }$prev"); then
    if [[ $values == @file ]]; then
      compopt -o filenames 2>/dev/null
      local IFS=$'\\n'
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
    fi
    return 0
  fi
  if [[ $cur != -* ]] && (( i == COMP_CWORD )); then
    candidates=$(_opentrain_subcommands "$command_path")
    [[ -n $candidates ]] || candidates=$(_opentrain_arguments "$command_path")
    if [[ -n $candidates ]]; then
      COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
      return 0
    fi
  fi
  COMPREPLY=($(compgen -W "$(_opentrain_flags "$command_path")" -- "$cur"))
}

complete -F _opentrain opentrain
`;

/** A bash completion script for the whole command tree. */
export function bashScript(nodes: readonly CompletionNode[]): string {
  const flags = nodes.map((node) => caseBranch([node.path], echo(node.flags.flatMap((flag) => flag.names))));
  return `# bash completion for opentrain, generated from its command tree by 'opentrain completion bash'.
# Install: opentrain completion bash > ~/.local/share/bash-completion/completions/opentrain
#      or: echo 'source <(opentrain completion bash)' >> ~/.bashrc

${lookupFunctions(nodes)}
_opentrain_flags() {
  case "$1" in
${flags.join('\n')}
  esac
}

${BASH_COMPLETE}`;
}
