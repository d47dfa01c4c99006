import type { SandboxContext } from '../http/context.js';
import { originOf } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { partnerAuthOf } from '../http/partner-gates.js';
import type { SandboxRouter } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import {
  findLinkedContract,
  linkedContracts,
  linkedContractView,
  participantView,
  partnerBudget,
} from '../state/partner-contracts.js';
import { findInstallLink } from '../state/partner-links.js';
import { reportUsage, type UsageEntryInput } from '../state/partner-usage.js';
import type { ContractRecord } from '../state/records/money.js';

/** Contracts on linked jobs: the list, the hired participants, the budget and usage reporting. */
export function registerContractRoutes(router: SandboxRouter): void {
  router.operation(
    {
      operationId: 'listLinkedContracts',
      method: 'GET',
      path: '/api/partner/v1/contracts',
      auth: { partnerScopes: ['contracts:read'] },
    },
    (c) => {
      const { state } = c.var.sandbox;
      const { install } = partnerAuthOf(c);
      const query = inputOf(c).query as { projectLinkId?: string; status?: ContractRecord['status']; limit?: number };
      const link =
        query.projectLinkId === undefined ? undefined : findInstallLink(state, install.id, query.projectLinkId);
      if (query.projectLinkId !== undefined && !link)
        throw notFound('project-links', 'projectLinkId', query.projectLinkId);
      const contracts = linkedContracts(state, install, { link, status: query.status, limit: query.limit ?? 50 });
      return c.json({ contracts: contracts.map((contract) => linkedContractView(state, install, contract)) });
    },
  );

  router.operation(
    {
      operationId: 'listContractParticipants',
      method: 'GET',
      path: '/api/partner/v1/contracts/{contractId}/participants',
      auth: { partnerScopes: ['participants:read'] },
    },
    (c) => {
      const contract = requestedContract(c);
      const participant = participantView(
        c.var.sandbox.state,
        partnerAuthOf(c).install,
        contract.freelancerId,
        originOf(c),
      );
      return c.json({ contractId: contract.id, participants: [participant] });
    },
  );

  router.operation(
    {
      operationId: 'getContractBudget',
      method: 'GET',
      path: '/api/partner/v1/contracts/{contractId}/budget',
      auth: { partnerScopes: ['contracts:read'] },
    },
    (c) => c.json(partnerBudget(c.var.sandbox.state, requestedContract(c))),
  );

  router.operation(
    {
      operationId: 'reportContractUsage',
      method: 'POST',
      path: '/api/partner/v1/contracts/{contractId}/usage',
      auth: { partnerScopes: ['usage:write'] },
    },
    (c) => {
      const runtime = c.var.sandbox;
      const { entries } = inputOf(c).body as { entries: UsageEntryInput[] };
      return c.json(reportUsage(runtime.state, requestedContract(c), entries, runtime.now()));
    },
  );
}

/** A contract of the employer whose job is linked on this install; anything else is reported as missing. */
function requestedContract(c: SandboxContext): ContractRecord {
  const contractId = String(inputOf(c).path.contractId);
  const contract = findLinkedContract(c.var.sandbox.state, partnerAuthOf(c).install, contractId);
  if (!contract) throw notFound('contracts', 'contractId', contractId);
  return contract;
}
