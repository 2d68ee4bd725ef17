export * from './accounts.js';
export * from './fields.js';
export * from './history.js';
export * from './notifications.js';
export * from './schema.js';
export * from './validate.js';
