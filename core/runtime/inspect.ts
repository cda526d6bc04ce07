/**
 * The symbol util.inspect looks for. Taken from the global registry rather than node:util so that
 * core has no Node-only imports besides node:crypto (the n8n build bundles core, and n8n allows
 * only a few modules at runtime).
 */
export const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;
