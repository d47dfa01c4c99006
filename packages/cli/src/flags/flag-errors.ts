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
    // One complaint per flag: the checks can find several things wrong with one value ("" is empty and too short).
    const byFlag = new Map<string, string>();
    for (const issue of error.issues) {
      const flag =
        mappedFlag(mapped, issue.field) ?? flagForIssue(flags, issue.field) ?? (issue.field || 'the request');
      if (!byFlag.has(flag)) byFlag.set(flag, issue.expectation);
    }
    throw new UsageError([...byFlag].map(([flag, expectation]) => `${flag}: ${expectation}`).join('; '));
  }
}
