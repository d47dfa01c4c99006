export { createSandbox, type Sandbox, type SandboxOptions } from './app.js';
export type { SandboxControl } from './control.js';
export {
  ConnectionDroppedError,
  type FaultAction,
  type FaultInput,
  type FaultRule,
} from './faults.js';
export type {
  ApprovalExecutor,
  ApprovalExecutors,
  AuthContext,
  OperationInfo,
  SandboxContext,
  SandboxEnv,
  SandboxMiddleware,
  SandboxRuntime,
} from './http/context.js';
export { ApiError, type ErrorCode, OAuthError } from './http/errors.js';
export { authOf, requireAnyScope, requireClaim, requireFeature, requireScopes, requireToken } from './http/gates.js';
export { REQUEST_ID_HEADER } from './http/request-id.js';

export type {
  AuthRequirement,
  HttpMethod,
  OperationDefinition,
  OperationValidation,
  RouteFamily,
  RouteHandler,
  SandboxRouter,
} from './http/router.js';
export {
  type ContractValidationOptions,
  ContractViolation,
  contractValidation,
  inputOf,
  type OperationInput,
} from './http/validation.js';

export { sandboxHandlers } from './msw.js';
export { type RunningSandbox, type StartSandboxOptions, startSandbox } from './node/server.js';
export { createApproval, type NewApproval } from './state/approvals.js';
export { type Clock, fixedClock, systemClock } from './state/clock.js';
export type { ScenarioName } from './state/scenarios.js';
export type * from './state/types.js';
