/** Exit codes, in the style of gh: scripts can tell "try again later" and "log in first" from a failure. */
export const ExitCode = {
  ok: 0,
  /** The API refused the request, or it could not be reached. */
  error: 1,
  /** The command line was wrong: an unknown flag, a missing or malformed value. Nothing was sent. */
  usage: 2,
  /** No API token, or the API answered 401. */
  authNeeded: 4,
  /** A human still has to act: an approval to confirm or a claim to complete. */
  pending: 8,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `Exit codes:
  0  Success (an empty list is a success too).
  1  The API answered with an error, or could not be reached; an approval was declined or expired.
  2  Usage error: an unknown command or flag, a missing or malformed value. Nothing was sent.
  4  Authentication needed: no API token is set or saved, or the API answered 401.
  8  Pending a human: a money-moving command recorded an approval that a person must confirm at its
     approvalUrl, or a claim is not completed yet. Use --wait to wait for the outcome.
`;
