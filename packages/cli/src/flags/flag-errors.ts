import { RequestValidationError } from '@opentrain-ai/sdk';
import { UsageError } from '../errors.js';
import { type FieldFlag, flagForIssue } from './field-flags.js';

/** The flag a hand-written command maps a wire field to (`body.rawJobDescription` → `--description`). */
function mappedFlag(mapped: Readonly<Record<string, string>>, field: string): string | undefined {
  const key = Object.keys(mapped).find((candidate) => field === candidate || field.startsWith(`${candidate}.`));
  return key === undefined ? undefined : mapped[key];
}

/**
 * Runs a command body and turns a request the SDK refused to send into a usage error that names the flag the user
 * typed (`--milestone-amount`), not the wire field (`body.milestone.amount`).
 */
export async function withFlagErrors(
  flags: readonly FieldFlag[],
  run: () => Promise<void>,
  mapped: Readonly<Record<string, string>> = {},
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    const issues = error.issues.map((issue) => {
      const flag =
        mappedFlag(mapped, issue.field) ?? flagForIssue(flags, issue.field) ?? (issue.field || 'the request');
      return `${flag}: ${issue.expectation}`;
    });
    throw new UsageError(issues.join('; '));
  }
}
