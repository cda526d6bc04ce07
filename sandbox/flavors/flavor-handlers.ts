import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../runtime/context';
import type { SandboxFlavor } from '../runtime/options';
import { serveItnio } from './itnio/serve-itnio';
import { serveMaton } from './maton/serve-maton';
import { serveOnPrem } from './onprem/serve-onprem';

/** Answers every request but the control API (/_sandbox) for a non-cloud flavor. */
export type FlavorHandler = (ctx: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export const FLAVOR_HANDLERS: Readonly<Record<Exclude<SandboxFlavor, 'cloud'>, FlavorHandler>> = {
  maton: serveMaton,
  onprem: serveOnPrem,
  itnio: serveItnio,
};
