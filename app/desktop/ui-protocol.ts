import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, UI_SCHEME, uiFile } from './ui-files.js';

/** Before `ready`: the UI scheme behaves like https (secure context, same-origin rules). */
export function registerUiScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: UI_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

/** Serves renderer/ on the UI scheme with the strict CSP as a header. */
export function serveUi(root: string): void {
  protocol.handle(UI_SCHEME, async (request) => {
    const file = uiFile(root, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file.path);
      return new Response(body, {
        headers: {
          'content-type': file.type,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
