/** Records of the hiring family: the simulated AI trainers, proposals and conversations. */

export interface FreelancerRecord {
  /** The trainer's user id. */
  id: string;
  slug: string;
  firstName: string;
  lastName: string;
  country: string;
}

export interface ProposalRecord {
  id: string;
  accountId: string;
  jobId: string;
  freelancerId: string;
  /** The spec's proposal status code, e.g. `UNREVIEWED`, `HIRED`. */
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationRecord {
  id: string;
  accountId: string;
  freelancerId: string;
  proposalId: string | null;
  jobId: string | null;
  contractId: string | null;
  createdAt: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  sender: 'employer' | 'freelancer';
  content: string;
  createdAt: string;
}
