// The n8n face reaches core only through this file, and only through core's portable entry: the
// build bundles it, and n8n packages may ship neither undici nor their own timers.
export * from '../../core/portable';
