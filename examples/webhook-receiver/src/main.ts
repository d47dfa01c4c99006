// `pnpm start`: a webhook receiver on PORT (default 3000) that logs every verified OpenTrain event.

import { describeEvent } from './handle-event.js';
import { createReceiver } from './receiver.js';

const secret = process.env.OPENTRAIN_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set OPENTRAIN_WEBHOOK_SECRET to the whsec_… secret returned when the webhook was created.');
  process.exit(1);
}

const receiver = createReceiver({
  secret,
  onEvent: (event, deliveryId) => console.log(`[${deliveryId ?? 'no delivery id'}] ${describeEvent(event)}`),
});
const wantedPort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535, got ${process.env.PORT}`);
  process.exit(1);
}
const port = await receiver.listen(wantedPort, process.env.HOST ?? '127.0.0.1');
console.log(`Receiving OpenTrain webhooks on http://localhost:${port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Finish the handlers already running before exiting.
    void receiver.close().then(() => process.exit(0));
  });
}
