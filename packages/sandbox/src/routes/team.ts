import { conflict } from '../http/errors.js';
import { authOf } from '../http/gates.js';
import type { RouteFamily } from '../http/router.js';
import { inputOf } from '../http/validation.js';
import { inviteTeamMember, teamView } from '../state/team.js';

/** The employer team: its human members and open invitations. */
export const teamRoutes: RouteFamily = {
  name: 'team',
  register(router) {
    router.operation(
      {
        operationId: 'getTeam',
        method: 'GET',
        path: '/api/public/v1/team',
        auth: { scopes: ['team:read'], feature: 'public_api_team' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        return c.json({ team: teamView(runtime.state, authOf(c).account, runtime.now()) });
      },
    );

    router.operation(
      {
        operationId: 'inviteTeamMember',
        method: 'POST',
        path: '/api/public/v1/team/invites',
        auth: { scopes: ['team:write'], feature: 'public_api_team', claimAction: 'invite team members' },
      },
      (c) => {
        const runtime = c.var.sandbox;
        const { account } = authOf(c);
        const { email } = inputOf(c).body as { email: string };
        const now = runtime.now();
        const outcome = inviteTeamMember(runtime.state, account, email, now);
        if (outcome === 'email_send_failed') {
          throw conflict('The invitation email could not be sent. Try again later.', {
            reason: 'invite_email_send_failed',
          });
        }
        const body = {
          ok: true,
          status: outcome,
          email: email.trim().toLowerCase(),
          team: teamView(runtime.state, account, now),
        };
        return c.json(body, outcome === 'invite_created' ? 201 : 200);
      },
    );
  },
};
