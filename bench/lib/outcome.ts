/** What each benchmark hands back to `run.ts`: a few summary lines and whether its budget (if any) held. */
export interface BenchOutcome {
  summary: string[];
  ok: boolean;
}
