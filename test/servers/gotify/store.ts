// Gotify's data (model/, database/): users with applications (which send) and clients (which
// read), messages with ids that only grow. It outlives a restart, as Gotify's database does.
export interface GotifyApp {
  id: number;
  token: string;
  name: string;
  description: string;
  internal: boolean;
  image: string;
  defaultPriority: number;
}

export interface GotifyMessage {
  id: number;
  appid: number;
  message: string;
  title: string;
  priority: number;
  extras?: Record<string, unknown>;
  date: string;
}

export interface GotifyUserSpec {
  password: string;
  /** Client tokens (`C…`), which read: /stream, /message, /application. */
  clients: string[];
  /** Applications by name; each gets a token `A<name>`. */
  apps: { name: string; defaultPriority?: number }[];
}

export interface MessageInput {
  message: string;
  title?: string;
  priority?: number;
  extras?: Record<string, unknown>;
}

export class GotifyStore {
  readonly apps = new Map<string, { user: string; app: GotifyApp }>();
  readonly messages: { user: string; message: GotifyMessage }[] = [];
  private nextApp = 1;
  private nextMessage = 1;

  constructor(readonly users: Record<string, GotifyUserSpec>) {
    for (const [user, spec] of Object.entries(users))
      for (const app of spec.apps) {
        const id = this.nextApp++;
        const token = `A${app.name.replace(/\W/g, '')}${id}`;
        this.apps.set(token, {
          user,
          app: {
            id,
            token,
            name: app.name,
            description: '',
            internal: false,
            image: 'static/defaultapp.png',
            defaultPriority: app.defaultPriority ?? 0,
          },
        });
      }
  }

  userOfClient(token: string): string | undefined {
    return Object.keys(this.users).find((u) => this.users[u]!.clients.includes(token));
  }

  userOfPassword(name: string, password: string): string | undefined {
    return this.users[name]?.password === password ? name : undefined;
  }

  appsOf(user: string): GotifyApp[] {
    return [...this.apps.values()].filter((a) => a.user === user).map((a) => a.app);
  }

  appNamed(name: string): { user: string; app: GotifyApp } {
    const found = [...this.apps.values()].find((a) => a.app.name === name);
    if (!found) throw new Error(`no Gotify application "${name}"`);
    return found;
  }

  /** CreateMessage: the title defaults to the app's name, the priority to its default. */
  add(user: string, app: GotifyApp, input: MessageInput): GotifyMessage {
    const message: GotifyMessage = {
      id: this.nextMessage++,
      appid: app.id,
      message: input.message,
      title: input.title?.trim() ? input.title : app.name,
      priority: input.priority ?? app.defaultPriority,
      ...(input.extras && { extras: input.extras }),
      date: new Date().toISOString(),
    };
    this.messages.push({ user, message });
    return message;
  }

  /** GetMessagesByUserSince: id descending, `id < since` unless since is 0, at most `limit`. */
  messagesOf(user: string, limit: number, since: number): GotifyMessage[] {
    return this.messages
      .filter((m) => m.user === user && (since === 0 || m.message.id < since))
      .map((m) => m.message)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
}
