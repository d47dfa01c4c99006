import type { WorkerAccount, WorkerDirectory } from './integration.js';

/** A stand-in for your platform's user store: accounts keyed on the OpenTrain user id. */
export class MemoryWorkerDirectory implements WorkerDirectory {
  readonly accounts = new Map<string, WorkerAccount & { active: boolean }>();

  ensure(account: WorkerAccount): WorkerAccount {
    const existing = this.accounts.get(account.opentrainUserId);
    const stored = { ...existing, ...account, active: true };
    this.accounts.set(account.opentrainUserId, stored);
    return stored;
  }

  disable(opentrainUserId: string): void {
    const existing = this.accounts.get(opentrainUserId);
    if (existing) existing.active = false;
  }
}
