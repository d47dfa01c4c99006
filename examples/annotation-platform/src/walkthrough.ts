// The whole integration against a local sandbox seeded with the `annotation-platform` scenario: an employer who
// connected this platform, with one open job.

import { startSandbox } from '@opentrain-ai/sandbox';
import { OpenTrainPartner, type PartnerWebhookEvent } from '@opentrain-ai/sdk';
import { MemoryWorkerDirectory } from './directory.js';
import {
  type Budget,
  checkInstall,
  handlePlatformEvent,
  linkProject,
  readBudget,
  reportDailyUsage,
  subscribeWebhooks,
  type UsageResult,
} from './integration.js';
import { startPlatformReceiver } from './receiver.js';
import { hireOnJob } from './sandbox-employer.js';

interface Seeded {
  token: string;
  jobId: string;
  partnerToken: string;
}

export interface WalkthroughResult {
  events: PartnerWebhookEvent[];
  directory: MemoryWorkerDirectory;
  usage: UsageResult;
  budget: Budget;
}

export async function runSandboxWalkthrough(say: (line: string) => void): Promise<WalkthroughResult> {
  const running = await startSandbox({ port: 0 });
  const seeded = (await running.sandbox.control.seed('annotation-platform')) as unknown as Seeded;
  say(`Sandbox on ${running.url}, seeded with an employer who connected this platform`);
  const partner = new OpenTrainPartner({ baseUrl: running.url, apiKey: seeded.partnerToken });
  const directory = new MemoryWorkerDirectory();
  const events: PartnerWebhookEvent[] = [];
  let secret: string | undefined;
  const receiver = await startPlatformReceiver({
    secret: () => secret,
    onEvent: async (event) => {
      events.push(event);
      await handlePlatformEvent(event, { partner, directory, log: say });
    },
  });
  try {
    const install = await checkInstall(partner);
    say(
      `Install ${install.id} of ${install.partnerApp.name}: ${install.scopes.length} scopes, PII consent ${install.piiConsent}`,
    );
    const link = await linkProject(partner, {
      externalProjectId: 'proj-spanish-sentiment',
      externalProjectName: 'Spanish sentiment',
      jobId: seeded.jobId,
    });
    say(`Project ${link.externalProjectId} linked to job ${link.jobId} (${link.id})`);
    const endpoint = await subscribeWebhooks(partner, receiver.url);
    secret = endpoint.secret;
    say(`Webhook endpoint ${endpoint.endpointId} subscribed at ${receiver.url}`);

    const hire = await hireOnJob(running, seeded.token, seeded.jobId);
    say(`The employer hired an AI trainer on the job: contract ${hire.contractId}`);
    await running.sandbox.control.flushWebhooks();
    await receiver.settled();

    const workDate = running.sandbox.control.now().slice(0, 10);
    const usage = await reportDailyUsage(partner, hire.contractId, [
      { workDate, opentrainUserId: hire.freelancerId, totalSeconds: 2 * 3600, labelsCompleted: 1_200 },
    ]);
    say(`Reported ${workDate}: 2 h and 1,200 labels (${usage.accepted} entry accepted)`);
    const budget = await readBudget(partner, hire.contractId);
    say(
      `Budget: ${budget.consumedVolume} of ${budget.fundedVolume} consumed (${Math.round(budget.consumedFraction * 100)} %), state ${budget.state}`,
    );
    return { events, directory, usage, budget };
  } finally {
    await receiver.close();
    await running.close();
  }
}
