import type { PublicWebhookEvent } from '@opentrain-ai/sdk';

/**
 * One line per event type, saying what happened and what an integration would do next. Events carry ids only:
 * fetch details from the read endpoints (`ot.proposals.get`, `ot.contracts.get`, …) when you need them.
 *
 * The switch is exhaustive: when the spec gains an event type, TypeScript flags the `never` below until it is
 * handled here.
 */
export function describeEvent(event: PublicWebhookEvent): string {
  switch (event.type) {
    case 'proposal.received':
      return `New proposal ${event.data.proposalId} on job ${event.data.jobId}: queue it for review`;
    case 'proposal.status_changed':
      return `Proposal ${event.data.proposalId} is now ${event.data.status}`;
    case 'message.received':
      return `Message ${event.data.messageId} in conversation ${event.data.conversationId}: read and answer it`;
    case 'contract.created':
      return `Contract ${event.data.contractId} started from proposal ${event.data.proposalId}: onboard the trainer`;
    case 'milestone.status_changed':
      return `Milestone ${event.data.milestoneId} of contract ${event.data.contractId} is now ${event.data.status}`;
    case 'payment.pending':
      return `Invoice ${event.data.invoiceId} for milestone ${event.data.milestoneId} awaits payment`;
    case 'approval.confirmed':
      return `Approval ${event.data.approvalId} ended as ${event.data.status}`;
    case 'contract.budget_state_changed':
      return `Budget of contract ${event.data.contractId} went from ${event.data.previousState} to ${event.data.state}`;
    default: {
      // Reached only by an event type newer than this code: acknowledge it and move on.
      const unknownEvent: never = event;
      return `Ignored an event of a type this receiver does not know: ${(unknownEvent as { type: string }).type}`;
    }
  }
}
