import type { RoomInfo } from '../../core/connector.js';
import type { Cookies } from './cookies.js';
import type { ThreeDRepoRest } from './rest.js';
import { roomKey } from './rooms.js';

interface Named {
  _id?: unknown;
  id?: unknown;
  name?: unknown;
  isAdmin?: unknown;
}

const itemsOf = (body: Record<string, unknown>, key: string): Named[] =>
  Array.isArray(body[key])
    ? (body[key] as unknown[]).filter((x): x is Named => typeof x === 'object' && x !== null)
    : [];
// The lists name ids `_id` (serialised UUIDs); the route docs say `id`: either is taken.
const idOf = (item: Named) =>
  typeof item._id === 'string' ? item._id : typeof item.id === 'string' ? item.id : undefined;
const nameOf = (item: Named, fallback: string) =>
  typeof item.name === 'string' && item.name !== '' ? item.name : fallback;
const segment = encodeURIComponent;

/**
 * What the user can follow on a 3D Repo server, by name: every container and federation of every
 * project of every teamspace (v5 REST: `GET /v5/teamspaces`, `…/projects`, `…/containers`,
 * `…/federations`), and the project itself where the user is its admin (only admins may join a
 * project's room). A teamspace that refuses is left out; all refusing is the error.
 */
export async function listModels(rest: ThreeDRepoRest, cookies: Cookies): Promise<RoomInfo[]> {
  const teamspaces = itemsOf(await rest.list('/v5/teamspaces', cookies), 'teamspaces')
    .map((t) => t.name)
    .filter((name): name is string => typeof name === 'string' && name !== '');
  const results = await Promise.allSettled(
    teamspaces.map((teamspace) => teamspaceRooms(rest, cookies, teamspace)),
  );
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (results.length > 0 && refused.length === results.length) throw refused[0];
  return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
}

async function teamspaceRooms(
  rest: ThreeDRepoRest,
  cookies: Cookies,
  teamspace: string,
): Promise<RoomInfo[]> {
  const base = `/v5/teamspaces/${segment(teamspace)}/projects`;
  const projects = itemsOf(await rest.list(base, cookies), 'projects');
  const perProject = await Promise.all(
    projects.map(async (item) => {
      const project = idOf(item);
      if (!project) return [];
      const projectName = nameOf(item, project);
      const within = `${teamspace} › ${projectName}`;
      const [containers, federations] = await Promise.all(
        ['containers', 'federations'].map(async (kind) =>
          itemsOf(await rest.list(`${base}/${segment(project)}/${kind}`, cookies), kind),
        ),
      );
      const rooms: RoomInfo[] = [...containers!, ...federations!].flatMap((model) => {
        const id = idOf(model);
        if (!id) return [];
        const name = nameOf(model, id);
        return [
          {
            id: roomKey(teamspace, project, id),
            name,
            type: 'model',
            within,
            follow: { teamspace, project, model: id, name },
          },
        ];
      });
      if (item.isAdmin === true)
        rooms.unshift({
          id: roomKey(teamspace, project),
          name: `${projectName} (the whole project)`,
          type: 'project',
          within: teamspace,
          follow: { teamspace, project, name: projectName },
        });
      return rooms;
    }),
  );
  return perProject.flat();
}
