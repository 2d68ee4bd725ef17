// The teamspace the 3D Repo tests run against: alice reads Tower and admins the Harbour
// project; Vault exists but only bob may read it.
import type { ThreeDRepoServerOptions, ModelPlace } from '../../servers/3drepo/server.js';

export const ALICE = 'alice';
export const ALICE_PASSWORD = 'correct horse';
export const PROJECT = '4f6e0a3c-7b51-4a66-9a1f-2f0a6c9e8d11';
export const TOWER: ModelPlace = { teamspace: 'acme', project: PROJECT, model: '0b1c2d3e-tower' };
export const VAULT: ModelPlace = { teamspace: 'acme', project: PROJECT, model: '9f8e7d6c-vault' };

export const WORLD: ThreeDRepoServerOptions = {
  users: [
    { username: ALICE, password: ALICE_PASSWORD, email: 'alice@example.com' },
    { username: 'bob', password: 'bob-password' },
  ],
  projects: [{ teamspace: 'acme', project: PROJECT, name: 'Harbour', admins: [ALICE] }],
  models: [
    { ...TOWER, name: 'Tower', readers: [ALICE, 'bob'] },
    { ...VAULT, name: 'Vault', readers: ['bob'] },
  ],
};

export const TOWER_ROOM = { ...TOWER, name: 'Tower' };
export const VAULT_ROOM = { ...VAULT, name: 'Vault' };
export const HARBOUR_ROOM = { teamspace: 'acme', project: PROJECT, name: 'Harbour' };
