import { startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrain } from '@opentrain-ai/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { showFaces } from '../demo/faces.js';
import { runJourney } from '../demo/journey.js';

// The README's main job, run as a test: the SDK against a sandbox on a real loopback port.
describe('the demo journey', () => {
  const starting = startSandbox({ port: 0 });
  afterAll(async () => (await starting).close());

  it('registers, claims, drafts, publishes, hires, pays and verifies every webhook', async () => {
    const running = await starting;
    const steps: string[] = [];
    const result = await runJourney(running, (step) => steps.push(step));

    expect(steps).toContain('Account claimed');
    expect(steps).toContain('Job published');
    expect(result.milestoneStatuses).toEqual(['First labeling batch: ACTIVE_FUNDED', 'Second batch: PAID']);
    expect(new Set(result.verifiedEvents)).toEqual(
      new Set(['proposal.received', 'contract.created', 'milestone.status_changed', 'approval.confirmed']),
    );

    // The marketplace shows the published job to anyone, without a token.
    const job = await new OpenTrain({ baseUrl: running.url, apiKey: null }).jobs.get(result.jobId);
    expect(job).toMatchObject({ id: result.jobId, status: 'OPEN', title: 'Spanish Sentiment Labeling' });

    // The same account through the CLI and the MCP server, neither printing the token.
    const faceSteps: string[] = [];
    const faces = await showFaces(running.url, result.agentToken, result.contractId, (step, detail) =>
      faceSteps.push(`${step} ${detail ?? ''}`),
    );
    expect(faces.cliJobs).toMatch(new RegExp(`^${result.jobId} +Spanish Sentiment Labeling +OPEN`, 'm'));
    expect(faces.mcpContractStatus).toBe('active');
    expect(faceSteps.join('\n')).not.toContain(result.agentToken.slice('ot_pat_'.length));
  });
});
