import { describe, expect, it } from 'vitest';
import { TOAST_ACTIVATOR_CLSID, activationPage } from '../../app/desktop/toast-activation.js';

describe('toast activation on Windows', () => {
  it('opens History for a toast whose notification this process no longer holds', () => {
    expect(activationPage(0)).toBe('history');
  });

  it('leaves a live notification’s click to the notification itself, which opens the message', () => {
    expect(activationPage(1)).toBeUndefined();
    expect(activationPage(5)).toBeUndefined();
  });

  it('has an activator CLSID in the form Electron accepts', () => {
    // app.setToastActivatorCLSID: brace-wrapped canonical GUID; anything else throws.
    expect(TOAST_ACTIVATOR_CLSID).toMatch(
      /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
    );
  });
});
