// The employer's side of a hire, for runs against the sandbox: in real life a person does this on OpenTrain.

import type { RunningSandbox } from '@opentrain-ai/sandbox';
import { OpenTrain } from '@opentrain-ai/sdk';

export interface HireResult {
  contractId: string;
  freelancerId: string;
}

/** A simulated AI trainer applies to the job, the employer hires them and confirms the payment on the approval page. */
export async function hireOnJob(running: RunningSandbox, employerToken: string, jobId: string): Promise<HireResult> {
  const employer = new OpenTrain({ baseUrl: running.url, apiKey: employerToken });
  const { proposalId, freelancerId } = await running.sandbox.control.applyTrainer({ jobId });
  const hire = await employer.proposals.hire(proposalId, {
    milestone: { name: 'First batch', description: 'Label the first 6,000 posts', amount: 300 },
  });
  const approval = await running.sandbox.control.confirmApproval(hire.approval.id);
  const contractId = (approval.result as { contractId?: unknown } | null)?.contractId;
  if (typeof contractId !== 'string') throw new Error(`The hire approval ${approval.id} ended ${approval.status}`);
  return { contractId, freelancerId };
}
