import { type ApprovalLike, type OpenTrain, WaitTimeoutError } from '@opentrain-ai/sdk';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ExitWith } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { type CliContext, writeLine } from '../io.js';
import { formatObject } from '../output/format.js';
import { printJson, printLines } from '../output/print.js';

export interface WaitFlags {
  wait?: boolean;
  /** Seconds. */
  timeout?: number;
  /** Seconds. */
  interval?: number;
}

/** A positive number of seconds. */
export function parseSeconds(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError('Expected a number of seconds greater than 0.');
  }
  return value;
}

const DEFAULT_TIMEOUT_SECONDS = 1800;
const DEFAULT_INTERVAL_SECONDS = 10;

/** `--timeout`, for every command that can wait for a human (an approval or a claim). */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'With --wait: give up after this long (still pending: exit 8)')
    .argParser(parseSeconds)
    .default(DEFAULT_TIMEOUT_SECONDS);
}

/** `--wait`, `--timeout` and `--interval` for the commands that may answer with a pending approval. */
export function addApprovalWaitFlags(command: Command): Command {
  return command
    .addOption(new Option('--wait', 'Wait until a human confirms or declines the approval'))
    .addOption(timeoutOption())
    .addOption(
      new Option('--interval <seconds>', 'With --wait: seconds between checks')
        .argParser(parseSeconds)
        .default(DEFAULT_INTERVAL_SECONDS),
    );
}

/** The body of a 202: the approval a human must confirm, and what was recorded. */
export interface PendingAnswer {
  approval: ApprovalLike & { expiresAt?: string };
  message: string;
}

/** What a human must do about a pending approval, and how to follow it. */
export function pendingLines({ approval, message }: PendingAnswer): string[] {
  return [
    `Pending human approval (${approval.type}): nothing happens until a signed-in human confirms it.`,
    `Approval URL: ${approval.approvalUrl}`,
    `Approval id:  ${approval.id}`,
    `Expires:      ${approval.expiresAt}`,
    message,
    `Check it with: opentrain approvals get --approval-id ${approval.id}`,
  ];
}

/**
 * A money-moving command answered 202. Without `--wait` it prints the approval and ends with exit 8; with it, it
 * polls until the human decides: confirmed is exit 0, declined or expired exit 1, still pending at the timeout exit 8.
 */
export async function settlePendingApproval(
  ctx: CliContext,
  client: OpenTrain,
  answer: PendingAnswer,
  flags: WaitFlags,
  json: boolean | undefined,
): Promise<void> {
  if (!flags.wait) {
    if (json) printJson(ctx.stdout, answer);
    else printLines(ctx.stdout, pendingLines(answer));
    throw new ExitWith(ExitCode.pending);
  }
  printLines(ctx.stderr, pendingLines(answer).slice(0, 3));
  const timeout = flags.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  writeLine(ctx.stderr, `Waiting up to ${timeout} s for the human to decide…`);
  let latest: unknown = answer.approval;
  const approval = await client.approvals
    .wait(answer.approval.id, {
      timeoutMs: timeout * 1000,
      intervalMs: (flags.interval ?? DEFAULT_INTERVAL_SECONDS) * 1000,
      onStatus: (current) => {
        latest = current;
        if (ctx.stderrIsTTY && current.status === 'pending') writeLine(ctx.stderr, 'Still pending…');
      },
    })
    .catch((error: unknown) => {
      // Still pending at the timeout (exit 8): a script reading --json still gets the approval as last seen.
      if (json && error instanceof WaitTimeoutError) printJson(ctx.stdout, { approval: latest });
      throw error;
    });
  if (json) printJson(ctx.stdout, { approval });
  else printLines(ctx.stdout, [`Approval ${approval.id} ${approval.status}.`, ...formatObject({ approval })]);
  if (approval.status !== 'confirmed') {
    const outcome = approval.status === 'expired' ? 'expired before a human confirmed it' : 'was declined by a human';
    throw new ExitWith(ExitCode.error, `Error: approval ${approval.id} ${outcome}; nothing was done.`);
  }
}
