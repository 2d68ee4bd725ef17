// Ways of signing in that several source types share.

/** @typedef {import('./account-types.js').SignIn} SignIn */

/** @type {SignIn} */
export const NO_SIGN_IN = { method: 'none', label: 'No sign-in', fields: [] };

/** @type {SignIn} */
export const USER_AND_PASSWORD = {
  method: 'password',
  label: 'User name and password',
  fields: [
    { path: 'auth.username', label: 'User name', required: true },
    { path: 'auth.password', label: 'Password', kind: 'password', required: true },
  ],
};
