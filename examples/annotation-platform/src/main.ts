// `pnpm start`: with OPENTRAIN_PARTNER_TOKEN set, connects to OpenTrain and serves the webhook endpoint; without
// it, runs the whole integration against a local sandbox and prints each step.

import { pathToFileURL } from 'node:url';
import { OpenTrainPartner } from '@opentrain-ai/sdk';
import { MemoryWorkerDirectory } from './directory.js';
import { checkInstall, handlePlatformEvent, linkProject, subscribeWebhooks } from './integration.js';
import { startPlatformReceiver } from './receiver.js';
import { runSandboxWalkthrough } from './walkthrough.js';

export async function main(): Promise<void> {
  if (!process.env.OPENTRAIN_PARTNER_TOKEN) {
    console.log('OPENTRAIN_PARTNER_TOKEN is not set: running against a local sandbox.\n');
    await runSandboxWalkthrough((line) => console.log(`- ${line}`));
    return;
  }
  await serve();
}

/** The live integration: token and base URL from OPENTRAIN_PARTNER_TOKEN and OPENTRAIN_API_BASE_URL. */
async function serve(): Promise<void> {
  const jobId = requiredEnv('OPENTRAIN_JOB_ID', 'the OpenTrain job to link, e.g. job_123');
  const externalProjectId = requiredEnv('EXTERNAL_PROJECT_ID', "your platform's project id");
  const partner = new OpenTrainPartner();
  const directory = new MemoryWorkerDirectory();

  const install = await checkInstall(partner);
  console.log(`Install ${install.id} of ${install.partnerApp.name} is active`);
  const link = await linkProject(partner, { externalProjectId, jobId });
  console.log(`Project ${externalProjectId} is linked to job ${jobId} (${link.id})`);

  let secret: string | undefined;
  const receiver = await startPlatformReceiver(
    {
      secret: () => secret,
      onEvent: (event) => handlePlatformEvent(event, { partner, directory, log: console.log }),
    },
    Number(process.env.PORT ?? 3000),
  );
  // Behind a tunnel or load balancer, OPENTRAIN_WEBHOOK_URL is the public HTTPS address that reaches this server.
  const url = process.env.OPENTRAIN_WEBHOOK_URL ?? receiver.url;
  const endpoint = await subscribeWebhooks(partner, url);
  secret = endpoint.secret;
  console.log(`Listening for events at ${url} (endpoint ${endpoint.endpointId}); Ctrl-C to stop`);

  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  // The endpoint and its secret lived only as long as this process: remove it so nothing is sent to a closed port.
  await partner.webhookEndpoints.delete(endpoint.endpointId);
  await receiver.close();
}

function requiredEnv(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} to ${what}.`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
