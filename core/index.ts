import { registerHostDefaults } from './runtime/host-defaults';
import { systemClock } from './runtime/system-clock';
import { UndiciTransport } from './transport/undici-transport';

export * from './portable';
export { UndiciTransport } from './transport/undici-transport';
export type { UndiciTransportOptions } from './transport/undici-transport';
export { systemClock } from './runtime/system-clock';

// With the package entry, providers built without a transport or clock use undici and Node's timers.
registerHostDefaults({ transport: (options) => new UndiciTransport(options), clock: systemClock });
