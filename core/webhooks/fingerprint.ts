import { createHash } from 'node:crypto';

/**
 * Digests of payloads, for de-duplicating events that carry no id of their own. The digest is
 * canonical: object keys are taken in sorted order, so a redelivery whose keys Meta serialized in
 * another order gets the same key. Containers are digested bottom-up without recursion (a payload
 * nested 100,000 deep does not exhaust the stack), each container once per fingerprinter: a
 * value fingerprinted again (a `messages` value for each of its errors) costs nothing more, and
 * the total work stays proportional to the payload (plus sorting each object's own keys).
 */
export type Fingerprinter = (value: unknown) => string;

type Container = Record<string, unknown> | unknown[];

interface Frame {
  node: Container;
  /** Array indexes or sorted object keys still to visit. */
  keys: readonly string[] | null;
  next: number;
  parts: string[];
}

const CYCLE = '!cycle';

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** What JSON would serialize: the result of toJSON (a Date's ISO text), else the value itself. */
function jsonView(value: unknown): unknown {
  if (isContainer(value) && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

/** A primitive as canonical text; undefined for what JSON leaves out of objects (undefined, functions). */
function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') return undefined;
  return JSON.stringify(value);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A fingerprinter with its own memory of digested containers; use one per payload, then drop it. */
export function createFingerprinter(): Fingerprinter {
  const done = new Map<object, string>();
  const active = new Set<object>();

  const open = (node: Container): Frame => {
    active.add(node);
    return { node, keys: Array.isArray(node) ? null : Object.keys(node).sort(), next: 0, parts: [] };
  };

  /** The text that stands for a child inside its parent: a primitive's JSON, a container's digest. */
  const childText = (child: unknown, inArray: boolean): string | Frame | undefined => {
    const value = jsonView(child);
    if (!isContainer(value)) return primitiveText(value) ?? (inArray ? 'null' : undefined);
    const known = done.get(value);
    if (known !== undefined) return `#${known}`;
    return active.has(value) ? CYCLE : open(value);
  };

  const containerDigest = (root: Container): string => {
    const stack: Frame[] = [open(root)];
    let finished = '';
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const { node, keys } = frame;
      const length = keys === null ? (node as unknown[]).length : keys.length;
      if (frame.next < length) {
        const key = keys === null ? null : keys[frame.next];
        frame.next += 1;
        const child = key === null ? (node as unknown[])[frame.next - 1] : (node as Record<string, unknown>)[key];
        const text = childText(child, key === null);
        if (typeof text === 'object') {
          // Digest the child first; its text is added to this frame when it finishes.
          if (key !== null) frame.parts.push(`${JSON.stringify(key)}:`);
          stack.push(text);
        } else if (text !== undefined) {
          frame.parts.push(key === null ? text : `${JSON.stringify(key)}:${text}`);
        }
        continue;
      }
      stack.pop();
      active.delete(node);
      const body = frame.parts.join(',');
      finished = digest(keys === null ? `[${body}]` : `{${body}}`);
      done.set(node, finished);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        // An object member's key prefix was pushed when the child was opened.
        if (parent.keys === null) parent.parts.push(`#${finished}`);
        else parent.parts[parent.parts.length - 1] += `#${finished}`;
      }
    }
    return finished;
  };

  return (value: unknown): string => {
    const view = jsonView(value);
    const text = isContainer(view) ? `#${done.get(view) ?? containerDigest(view)}` : (primitiveText(view) ?? 'undefined');
    return digest(text).slice(0, 22);
  };
}

/** A one-off fingerprint; several payloads of one webhook share a fingerprinter instead. */
export function fingerprint(value: unknown): string {
  return createFingerprinter()(value);
}
