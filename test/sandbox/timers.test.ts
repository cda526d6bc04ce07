import { TimerRegistry } from '../../sandbox/runtime/timers';

describe('TimerRegistry', () => {
  afterEach(() => jest.restoreAllMocks());

  it('unrefs its timers, so a pending action never keeps the process alive', () => {
    const timeouts = jest.spyOn(global, 'setTimeout');
    const immediates = jest.spyOn(global, 'setImmediate');
    const registry = new TimerRegistry();
    registry.after(60_000, () => undefined);
    registry.nextTurn(() => undefined);
    expect((timeouts.mock.results[0].value as NodeJS.Timeout).hasRef()).toBe(false);
    expect((immediates.mock.results[0].value as NodeJS.Immediate).hasRef()).toBe(false);
    registry.clearAll();
  });

  it('runs nextTurn actions asynchronously, before timers due later', async () => {
    const registry = new TimerRegistry();
    const order: string[] = [];
    // A wide gap: on a loaded machine the event loop can reach the timers phase several ms late,
    // and a timer due in 5 ms would then legitimately run before the immediate.
    registry.after(200, () => order.push('after'));
    registry.nextTurn(() => order.push('nextTurn'));
    expect(order).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual(['nextTurn', 'after']);
  });

  it('cancels one action, or all of them', async () => {
    const registry = new TimerRegistry();
    const ran: string[] = [];
    const one = registry.after(0, () => ran.push('cancelled'));
    registry.nextTurn(() => ran.push('kept'));
    registry.cancel(one);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual(['kept']);
    registry.after(0, () => ran.push('cleared timeout'));
    registry.nextTurn(() => ran.push('cleared immediate'));
    registry.clearAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual(['kept']);
  });
});
