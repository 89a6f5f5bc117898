/**
 * Reading the roles the CDK app gives its resources (`medins:table`,
 * `medins:queue`, `medins:workflow` metadata), so the local stack finds the
 * claims queue or the events table by what it is, not by a generated name.
 */
import type { CfnTemplate } from '@medins/local-stack';

export function logicalIdsByMetadata(template: CfnTemplate, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const role = resource.Metadata?.[key];
    if (typeof role === 'string') out[role] = logicalId;
  }
  return out;
}
