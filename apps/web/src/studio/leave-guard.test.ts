import { describe, expect, it } from 'vitest';
import { unloadGuard } from './leave-guard';

function unloadEvent() {
  const event = { defaultPrevented: false, returnValue: undefined as unknown };
  return Object.assign(event, {
    preventDefault() {
      event.defaultPrevented = true;
    },
  }) as unknown as BeforeUnloadEvent & { defaultPrevented: boolean };
}

describe('unsaved studio edits', () => {
  it('closing the tab with unsaved edits makes the browser ask', () => {
    const event = unloadEvent();
    unloadGuard(() => true)(event);
    expect(event.defaultPrevented).toBe(true);
    expect(event.returnValue).toBe('');
  });

  it('closing the tab without edits does not ask', () => {
    const event = unloadEvent();
    unloadGuard(() => false)(event);
    expect(event.defaultPrevented).toBe(false);
  });
});
