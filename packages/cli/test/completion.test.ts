import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgram } from '../src/command-reference.js';
import { fishQuote, shellQuote } from '../src/completion/quote.js';
import { runCli } from '../src/run.js';
import { localContext } from './support.js';

const execFileAsync = promisify(execFile);

async function opentrain(args: string[]) {
  const { ctx, stdout, stderr } = localContext();
  const code = await runCli(args, ctx);
  return { code, stdout: stdout(), stderr: stderr() };
}

/**
 * Loads the script into a fresh bash, asks `complete -p` which function completes `opentrain`, and calls it as bash
 * would on TAB for each command line (its words, the last one being completed). Prints one line of candidates per
 * line. Each line goes in as its word count, then its words, so an empty word survives.
 */
const DRIVER = `
eval "$1"
shift
spec=$(complete -p opentrain)
function_name=\${spec##*-F }
function_name=\${function_name%% *}
while (( $# )); do
  count=$1
  shift
  COMP_WORDS=("\${@:1:count}")
  shift "$count"
  COMP_CWORD=$(( count - 1 ))
  COMP_LINE="\${COMP_WORDS[*]}"
  COMP_POINT=\${#COMP_LINE}
  COMPREPLY=()
  "$function_name" opentrain "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD - 1]}"
  echo "\${COMPREPLY[*]}"
done
`;

let bash = '';

async function completeAll(lines: string[][]): Promise<string[][]> {
  const args = lines.flatMap((words) => [String(words.length), ...words]);
  const { stdout } = await execFileAsync('bash', ['-c', DRIVER, 'bash', bash, ...args], { maxBuffer: 1 << 24 });
  return stdout
    .split('\n')
    .slice(0, lines.length)
    .map((line) => line.split(' ').filter(Boolean));
}

async function complete(...words: string[]): Promise<string[]> {
  const [candidates] = await completeAll([['opentrain', ...words]]);
  return candidates ?? [];
}

/** Every command and group of the real tree, with the words that lead to it. */
function allCommands(command: Command, words: string[] = []): Array<{ words: string[]; command: Command }> {
  return command.commands.flatMap((child) => {
    const path = [...words, child.name()];
    return [{ words: path, command: child }, ...allCommands(child, path)];
  });
}

const program = silentProgram();
const longFlags = (command: Command) =>
  command
    .createHelp()
    .visibleOptions(command)
    .map((option) => option.long ?? '');

beforeAll(async () => {
  const result = await opentrain(['completion', 'bash']);
  expect(result.code).toBe(0);
  bash = result.stdout;
});

describe('opentrain completion bash', () => {
  it('completes command words, group by group', async () => {
    expect(await complete('jo')).toEqual(['jobs']);
    expect(await complete('jobs', 'd')).toEqual(['draft']);
    expect(await complete('jobs', 'draft', '')).toEqual(['create', 'update']);
    expect(await complete('credits', 'top-up', 'c')).toEqual(['create']);
    expect(await complete('compl')).toEqual(['completion']);
    expect(await complete('sand')).toEqual(['sandbox']);
  });

  it('completes the flags of jobs list, --json and --base-url included, and the values of --status', async () => {
    expect(await complete('jobs', 'list', '--')).toEqual([
      '--status',
      '--limit',
      '--cursor',
      '--all',
      '--json',
      '--base-url',
      '--help',
    ]);
    const statuses = ['DRAFT', 'OPEN', 'ONGOING', 'COMPLETED', 'ARCHIVED', 'PENDING_APPROVAL'];
    expect(await complete('jobs', 'list', '--status', '')).toEqual(statuses);
    expect(await complete('jobs', 'list', '--status', 'O')).toEqual(['OPEN', 'ONGOING']);
    // Bash splits --status=P into three words.
    expect(await complete('jobs', 'list', '--status', '=', 'P')).toEqual(['PENDING_APPROVAL']);
    // After a value, the flags again; a free-text value gets no suggestions.
    expect(await complete('jobs', 'list', '--limit', '5', '--a')).toEqual(['--all']);
    expect(await complete('jobs', 'list', '--limit', '')).toEqual([]);
  });

  it('completes the shells of completion, the scenarios of sandbox and file names where a flag takes a file', async () => {
    expect(await complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('sandbox', '--scenario', 'open')).toEqual(['open-job']);
    const folder = await mkdtemp(join(tmpdir(), 'opentrain-completion-'));
    try {
      await writeFile(join(folder, 'job-description.txt'), 'text');
      expect(await complete('jobs', 'draft', 'create', '--description-file', join(folder, 'job-'))).toEqual([
        join(folder, 'job-description.txt'),
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('knows every command of the tree and every flag of each, as commander has them', async () => {
    const commands = allCommands(program);
    const groups = commands.filter(({ command }) => command.commands.length > 0);
    const answers = await completeAll([
      ['opentrain', ''],
      ...groups.map(({ words }) => ['opentrain', ...words, '']),
      ...commands.map(({ words }) => ['opentrain', ...words, '--']),
    ]);
    const expected = [
      program.commands.map((command) => command.name()),
      ...groups.map(({ command }) => command.commands.map((child) => child.name())),
      ...commands.map(({ command }) => longFlags(command)),
    ];
    expect(answers).toEqual(expected);
    expect(commands.map(({ words }) => words.join(' '))).toEqual(
      expect.arrayContaining(['jobs draft create', 'credits top-up get', 'whoami', 'api', 'sandbox', 'completion']),
    );
  });
});

describe('opentrain completion zsh and fish', () => {
  it('writes a zsh completion function with the same commands, flags and values', async () => {
    const { code, stdout: zsh } = await opentrain(['completion', 'zsh']);
    expect(code).toBe(0);
    expect(zsh.startsWith('#compdef opentrain\n')).toBe(true);
    expect(zsh).toContain('compdef _opentrain opentrain');
    expect(zsh).toMatch(/^_opentrain\(\) \{$/m);
    // Subcommands with their descriptions, for _describe.
    expect(zsh).toContain(
      "    'jobs draft') print -rl -- 'create:Create a job draft from a plain-text description; lists what is still " +
        "missing' 'update:Fill in or correct draft fields' ;;",
    );
    // Flags of a command, with a description quoted for the shell.
    expect(zsh).toMatch(
      /^ {4}'jobs list'\) print -rl -- '--status:Only jobs in this status\.' .*'--json:.*'--base-url:/m,
    );
    expect(zsh).toContain("'--cursor:Opaque cursor from the previous page'\\''s nextCursor.'");
    // Values of an enum flag and of the completion command's argument.
    expect(zsh).toContain("    'jobs list --status') echo 'DRAFT OPEN ONGOING COMPLETED ARCHIVED PENDING_APPROVAL' ;;");
    expect(zsh).toContain("    'completion') echo 'bash zsh fish' ;;");
    // Autoloaded from $fpath, the file runs the function it defines.
    expect(zsh.trimEnd().endsWith('if [[ $funcstack[1] == _opentrain ]]; then\n  _opentrain "$@"\nfi')).toBe(true);
    for (const { words } of allCommands(program).filter(({ command }) => command.commands.length === 0)) {
      expect(zsh, words.join(' ')).toContain(`    '${words.join(' ')}') print -rl -- `);
    }
  });

  it('writes fish completions for every command, flag and value', async () => {
    const { code, stdout: fish } = await opentrain(['completion', 'fish']);
    expect(code).toBe(0);
    const at = (path: string) => `complete -c opentrain -n '__opentrain_at \\'${path}\\''`;
    expect(fish).toContain('complete -c opentrain -f\n');
    expect(fish).toContain(`${at('')} -a 'jobs' -d 'Draft, publish, edit, close, list and search jobs'`);
    expect(fish).toContain(`${at('jobs')} -a 'draft' -d`);
    expect(fish).toContain(
      `${at('jobs list')} -l status -x -a 'DRAFT OPEN ONGOING COMPLETED ARCHIVED PENDING_APPROVAL' -d 'Only jobs in this status.'`,
    );
    expect(fish).toContain(`${at('jobs list')} -l json -d`);
    expect(fish).toContain(`${at('jobs list')} -l base-url -x -d`);
    expect(fish).toContain(`${at('jobs draft create')} -l description-file -r -F -d`);
    expect(fish).toContain(`${at('api')} -s X -l method -x -d`);
    expect(fish).toContain(`${at('completion')} -a 'bash zsh fish'`);
    expect(fish).toContain("-d 'Opaque cursor from the previous page\\'s nextCursor.'");
    // The helper that finds the command path knows every group.
    expect(fish).toMatch(/^ {8}case 'credits top-up'\n {12}printf '%s\\n' 'create' 'get'$/m);
    for (const { words, command } of allCommands(program)) {
      const parent = words.slice(0, -1).join(' ');
      expect(fish, words.join(' ')).toContain(`${at(parent)} -a '${words.at(-1)}' -d`);
      for (const flag of longFlags(command)) {
        expect(fish).toMatch(new RegExp(`^${regexpLiteral(at(words.join(' ')))} (-s \\w )?-l ${flag.slice(2)} `, 'm'));
      }
    }
  });

  it('quotes text for each shell', async () => {
    const samples = ["it's", 'a \\ b', '$HOME `x` "y"'];
    for (const text of samples) {
      const { stdout } = await execFileAsync('bash', ['-c', `printf %s ${shellQuote(text)}`]);
      expect(stdout).toBe(text);
    }
    expect(fishQuote("it's a \\ b")).toBe("'it\\'s a \\\\ b'");
  });
});

describe('opentrain completion with a wrong shell', () => {
  it('is a usage error naming the shells it knows', async () => {
    const unknown = await opentrain(['completion', 'tcsh']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("Usage error: command-argument value 'tcsh' is invalid for argument 'shell'");
    expect(unknown.stderr).toContain('bash, zsh, fish');

    const missing = await opentrain(['completion']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Usage error: missing required argument 'shell'");
  });
});

function regexpLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
