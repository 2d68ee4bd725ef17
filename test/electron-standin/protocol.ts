// `protocol` (Electron's docs: api/protocol.md): privileged schemes registered before ready, and
// `protocol.handle` handlers that answer the default session's requests with a web Response. The
// handler the app registered is what serves every request on its scheme (see routing.ts).
import { report } from './control.ts';

type Handler = (request: Request) => Response | Promise<Response>;

export const privilegedSchemes = new Map<string, Electron.Privileges>();
export const schemeHandlers = new Map<string, Handler>();
let ready = false;

export function markProtocolsReady(): void {
  ready = true;
}

/** The schemes that travel through Chromium as https (scheme-map.ts). */
export function carriedSchemes(): ReadonlySet<string> {
  return new Set(privilegedSchemes.keys());
}

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    // Electron: "This method can only be used before the ready event of the app module".
    if (ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    for (const { scheme, privileges } of customSchemes)
      privilegedSchemes.set(scheme.toLowerCase(), privileges ?? {});
    report('protocol-privileged', { schemes: customSchemes });
  },
  handle(scheme: string, handler: Handler): void {
    // Electron throws when a scheme already has a handler.
    if (schemeHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    schemeHandlers.set(scheme.toLowerCase(), handler);
  },
  unhandle(scheme: string): void {
    schemeHandlers.delete(scheme.toLowerCase());
  },
  isProtocolHandled(scheme: string): boolean {
    return schemeHandlers.has(scheme.toLowerCase());
  },
} satisfies Pick<
  Electron.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
>;
