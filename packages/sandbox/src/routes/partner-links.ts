import type { SandboxContext } from '../http/context.js';
import { originOf } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { partnerAuthOf } from '../http/partner-gates.js';
import type { SandboxRouter } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import {
  createProjectLink,
  deleteProjectLink,
  findInstallLink,
  installLinks,
  linkView,
  type NewProjectLink,
} from '../state/partner-links.js';

const READ = { partnerScopes: ['project-links:read' as const] };
const WRITE = { partnerScopes: ['project-links:write' as const] };

/** Project links: mappings between platform projects and the employer's OpenTrain jobs. */
export function registerProjectLinkRoutes(router: SandboxRouter): void {
  router.operation(
    { operationId: 'createProjectLink', method: 'POST', path: '/api/partner/v1/project-links', auth: WRITE },
    (c) => {
      const runtime = c.var.sandbox;
      const body = inputOf(c).body as NewProjectLink;
      const link = createProjectLink(runtime.state, partnerAuthOf(c).install, body, originOf(c), runtime.now());
      return c.json({ projectLink: linkView(link) }, 201);
    },
  );

  router.operation(
    { operationId: 'listProjectLinks', method: 'GET', path: '/api/partner/v1/project-links', auth: READ },
    (c) => c.json({ projectLinks: installLinks(c.var.sandbox.state, partnerAuthOf(c).install.id).map(linkView) }),
  );

  router.operation(
    { operationId: 'getProjectLink', method: 'GET', path: '/api/partner/v1/project-links/{linkId}', auth: READ },
    (c) => c.json({ projectLink: linkView(requestedLink(c)) }),
  );

  router.operation(
    {
      operationId: 'deleteProjectLink',
      method: 'DELETE',
      path: '/api/partner/v1/project-links/{linkId}',
      auth: WRITE,
    },
    (c) => {
      const runtime = c.var.sandbox;
      const link = requestedLink(c);
      deleteProjectLink(runtime.state, partnerAuthOf(c).install, link, runtime.now());
      return c.json({ projectLink: linkView(link), deleted: true as const });
    },
  );
}

function requestedLink(c: SandboxContext) {
  const linkId = String(inputOf(c).path.linkId);
  const link = findInstallLink(c.var.sandbox.state, partnerAuthOf(c).install.id, linkId);
  if (!link) throw notFound('project-links', 'linkId', linkId);
  return link;
}
