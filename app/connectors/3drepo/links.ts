/**
 * Links into the 3D Repo web app. The routes are the frontend's own, from
 * `frontend/src/v5/ui/routes/routes.constants.ts` in 3drepo/3drepo.io:
 *   VIEWER_ROUTE              /v5/viewer/:teamspace/:project/:containerOrFederation/
 *   VIEWER_REVISION_ROUTE     /v5/viewer/:teamspace/:project/:containerOrFederation/:revision
 *   PROJECT_ROUTE             /v5/dashboard/:teamspace/:project/t/:tab
 *   TICKETS_ROUTE_WITH_TICKET /v5/dashboard/:teamspace/:project/t/tickets/:template/:ticketId
 * Every part comes from the server, so each is URL-encoded: an id cannot add a path or a host.
 */
export type ProjectTab = 'containers' | 'federations' | 'drawings' | 'tickets';

export class Links {
  private readonly base: string;

  /** `server` is the site the user signs in to, e.g. https://www.3drepo.io. */
  constructor(server: string) {
    this.base = server.replace(/\/+$/, '');
  }

  viewer(teamspace: string, project: string, model: string, revision?: string): string {
    const parts = [teamspace, project, model, ...(revision ? [revision] : [])];
    return `${this.base}/v5/viewer/${parts.map(encodeURIComponent).join('/')}`;
  }

  projectTab(teamspace: string, project: string, tab: ProjectTab): string {
    return `${this.base}/v5/dashboard/${encode(teamspace, project)}/t/${tab}`;
  }

  /** A ticket opens in its project's ticket list, under its template. */
  ticket(teamspace: string, project: string, template: string, ticket: string): string {
    return `${this.projectTab(teamspace, project, 'tickets')}/${encode(template, ticket)}`;
  }
}

function encode(...parts: string[]): string {
  return parts.map(encodeURIComponent).join('/');
}
