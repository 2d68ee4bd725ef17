/** The teamspaces, projects and models the test server knows, and who may see what. */
export type ModelType = 'container' | 'federation' | 'drawing';

export interface ModelEntry {
  teamspace: string;
  /** The project's UUID string, as rooms and envelopes carry it. */
  project: string;
  model: string;
  name: string;
  type?: ModelType;
  /** Users with read access; a teamspace admin reads everything. */
  readers: readonly string[];
}

export interface ProjectEntry {
  teamspace: string;
  project: string;
  name: string;
  /** Project admins: the only ones (with teamspace admins) who may join the project room. */
  admins: readonly string[];
}

export interface CatalogOptions {
  projects?: readonly ProjectEntry[];
  models?: readonly ModelEntry[];
  /** Teamspace name → its admins. */
  teamspaceAdmins?: Readonly<Record<string, readonly string[]>>;
}

/** A lookup that fails the way the server's does: `{message}` errors become ROOM_NOT_FOUND. */
export class RoomLookupError extends Error {}

export class Catalog {
  constructor(private readonly options: CatalogOptions) {}

  model(teamspace: string, model: string): ModelEntry | undefined {
    return this.options.models?.find((m) => m.teamspace === teamspace && m.model === model);
  }

  project(teamspace: string, project: string): ProjectEntry | undefined {
    return this.options.projects?.find((p) => p.teamspace === teamspace && p.project === project);
  }

  private teamspaceAdmin(teamspace: string, username: string): boolean {
    return this.options.teamspaceAdmins?.[teamspace]?.includes(username) ?? false;
  }

  /** `hasReadAccessToModel`, after the model is found in that project. */
  checkModelAccess(teamspace: string, project: string, model: string, username: string): void {
    const entry = this.model(teamspace, model);
    if (!entry || entry.project !== project) throw new RoomLookupError('Model not found');
    if (!entry.readers.includes(username) && !this.teamspaceAdmin(teamspace, username))
      throw new RoomLookupError(
        'You do not have sufficient access rights to join the room requested',
      );
  }

  checkProjectAdmin(teamspace: string, project: string, username: string): void {
    const entry = this.project(teamspace, project);
    if (!entry) throw new RoomLookupError('Project not found');
    if (!entry.admins.includes(username) && !this.teamspaceAdmin(teamspace, username))
      throw new RoomLookupError(
        'You do not have sufficient access rights to join the room requested',
      );
  }

  /** `getTeamspaceListByUser`: teamspaces with anything the user may see, `{name, isAdmin}`. */
  teamspacesOf(username: string): { name: string; isAdmin: boolean }[] {
    const names = new Set<string>();
    for (const m of this.options.models ?? [])
      if (m.readers.includes(username)) names.add(m.teamspace);
    for (const p of this.options.projects ?? [])
      if (p.admins.includes(username)) names.add(p.teamspace);
    for (const [teamspace, admins] of Object.entries(this.options.teamspaceAdmins ?? {}))
      if (admins.includes(username)) names.add(teamspace);
    return [...names].map((name) => ({ name, isAdmin: this.teamspaceAdmin(name, username) }));
  }

  /** `getProjectList`: a teamspace admin sees every project, others those they have a part in. */
  projectsOf(
    teamspace: string,
    username: string,
  ): { _id: string; name: string; isAdmin: boolean }[] {
    const tsAdmin = this.teamspaceAdmin(teamspace, username);
    return (this.options.projects ?? [])
      .filter((p) => p.teamspace === teamspace)
      .filter(
        (p) =>
          tsAdmin ||
          p.admins.includes(username) ||
          this.modelsIn(teamspace, p.project).some((m) => m.readers.includes(username)),
      )
      .map((p) => ({
        _id: p.project,
        name: p.name,
        isAdmin: tsAdmin || p.admins.includes(username),
      }));
  }

  /**
   * `getContainerList` / `getFederationList`: the models of that kind the user may read, by the
   * same rule as joining their rooms here (`checkModelAccess`: a reader or a teamspace admin).
   */
  modelsOf(
    teamspace: string,
    project: string,
    type: 'container' | 'federation',
    username: string,
  ): { _id: string; name: string; role: string; isFavourite: boolean }[] {
    const admin = this.teamspaceAdmin(teamspace, username);
    return this.modelsIn(teamspace, project)
      .filter((m) => (m.type ?? 'container') === type && (admin || m.readers.includes(username)))
      .map((m) => ({
        _id: m.model,
        name: m.name,
        role: admin ? 'admin' : 'viewer',
        isFavourite: false,
      }));
  }

  hasTeamspaceAccess(teamspace: string, username: string): boolean {
    return this.teamspacesOf(username).some((t) => t.name === teamspace);
  }

  private modelsIn(teamspace: string, project: string): readonly ModelEntry[] {
    return (this.options.models ?? []).filter(
      (m) => m.teamspace === teamspace && m.project === project,
    );
  }

  /** `hasReadAccessToModel`: a reader of the model, or an admin of its teamspace. */
  canRead(entry: ModelEntry, username: string): boolean {
    return entry.readers.includes(username) || this.teamspaceAdmin(entry.teamspace, username);
  }

  firstTeamspaceOf(username: string): string | undefined {
    return this.options.models?.find((m) => m.readers.includes(username))?.teamspace;
  }
}
