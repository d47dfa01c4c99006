/** The flag for a wire name: `jobId` → `job-id`, `agent_name` → `agent-name`, `idOrSlug` → `id-or-slug`. */
export function flagName(wireName: string): string {
  return wireName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}
