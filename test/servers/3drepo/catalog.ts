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

  /** `hasReadAccessToModel`: a reader of the model, or an admin of its teamspace. */
  canRead(entry: ModelEntry, username: string): boolean {
    return entry.readers.includes(username) || this.teamspaceAdmin(entry.teamspace, username);
  }

  firstTeamspaceOf(username: string): string | undefined {
    return this.options.models?.find((m) => m.readers.includes(username))?.teamspace;
  }
}
