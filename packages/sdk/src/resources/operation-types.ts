// Request and response types of one operation, looked up by operationId in the openapi-typescript `operations`
// types of both APIs. The generated namespaces use these instead of restating any schema.
import type { OperationId, operationsById } from '../generated/operations.js';
import type { operations as PartnerOperations } from '../generated/partner.js';
import type { operations as PublicOperations } from '../generated/public.js';

// operationIds are unique across the two documents, so one merged lookup serves both clients.
type Operations = PublicOperations & PartnerOperations;
type OperationOf<Id extends OperationId> = Operations[Id];

type ValueOf<T> = T[keyof T];

/** The body of a request or response, whatever its media type (JSON, or a form for the agent token endpoints). */
type ContentOf<Part> = Part extends { content: infer Content } ? ValueOf<Content> : undefined;

/** The query parameters, e.g. `QueryOf<'listMyJobs'>` is `{ status?, limit?, cursor? }`. */
export type QueryOf<Id extends OperationId> = NonNullable<OperationOf<Id>['parameters']['query']>;

/** The request body, e.g. `BodyOf<'hireProposal'>` is `{ milestone, confirmNotFitOverride? }`. */
export type BodyOf<Id extends OperationId> = ContentOf<NonNullable<OperationOf<Id>['requestBody']>>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;
type Responses<Id extends OperationId> = OperationOf<Id>['responses'];

/**
 * What a successful call resolves to: the union of the bodies of every documented 2xx status. A dual-mode call
 * (such as `contracts.end`) resolves to its result or to a pending approval; `isPendingApproval` tells them apart.
 */
export type SuccessOf<Id extends OperationId> = {
  [Status in keyof Responses<Id> & SuccessStatus]: ContentOf<Responses<Id>[Status]>;
}[keyof Responses<Id> & SuccessStatus];

type ItemsFieldOf<Id extends OperationId> = (typeof operationsById)[Id]['pagination'] extends {
  readonly items: infer Field extends string;
}
  ? Field
  : never;

/** One item of a cursor-paginated list, e.g. `ItemOf<'listMyJobs'>` is a job of the `jobs` field of each page. */
export type ItemOf<Id extends OperationId> =
  SuccessOf<Id> extends { [Field in ItemsFieldOf<Id>]: ReadonlyArray<infer Item> } ? Item : never;
