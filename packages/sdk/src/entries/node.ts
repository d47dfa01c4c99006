// `@opentrain-ai/sdk/node`: the pieces that need Node's file system. The main entry stays runtime-neutral.

// The variables the clients read, for tools that resolve tokens from an environment of their own.
export { BASE_URL_ENV, PARTNER_TOKEN_ENV, PUBLIC_TOKEN_ENV } from '../core/env.js';
export {
  type Credentials,
  CredentialsFileError,
  credentialsPath,
  deleteCredentials,
  type Env,
  type FileOptions,
  readCredentials,
  writeCredentials,
} from '../node/credentials-file.js';
export {
  type CredentialSource,
  clientFromCredentials,
  type ResolvedCredentials,
  type ResolveOptions,
  resolveCredentials,
} from '../node/resolve.js';
export { saveWebhookSecret, type WebhookSecretOptions, webhookSecretPath } from '../node/webhook-secrets.js';
