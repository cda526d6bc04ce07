/**
 * Depth checks and serialization for JSON of any depth, without recursion: JSON.parse reads any
 * depth, but JSON.stringify and every recursive walk overflow the stack at a few thousand levels.
 */

/** How deep JSON from outside (webhook bodies, provider answers) may nest before it is refused. */
export const MAX_JSON_DEPTH = 64;

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function childrenOf(node: object): unknown[] {
  return Array.isArray(node) ? node : Object.values(node);
}

/**
 * Whether objects and arrays nest deeper than `limit` (a cycle nests infinitely). Iterative; a node
 * shared by several parents is walked again only when reached at a greater depth, so the work is
 * at most `limit` times the size of the value.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (!isContainer(value)) return false;
  const deepestSeen = new Map<object, number>();
  const stack: { node: object; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: object; depth: number };
    if (depth > limit) return true;
    const seen = deepestSeen.get(node);
    if (seen !== undefined && seen >= depth) continue;
    deepestSeen.set(node, depth);
    for (const child of childrenOf(node)) if (isContainer(child)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

type Step = { value: unknown } | { text: string } | { leave: object };

/** `first`, then `middle` in reverse, then `last`; a loop, since spreading 100,000 steps into push() throws. */
function pushAll(steps: Step[], first: Step[], middle: Step[], last: Step): void {
  for (const step of first) steps.push(step);
  for (let i = middle.length - 1; i >= 0; i -= 1) steps.push(middle[i]);
  steps.push(last);
}

/**
 * JSON text of a value of any depth, like JSON.stringify without indentation but without recursion.
 * A value that contains itself is written as the string "[cycle]" at the point it repeats.
 */
export function jsonTextOf(value: unknown): string {
  const out: string[] = [];
  const open = new Set<object>();
  const steps: Step[] = [{ value }];
  while (steps.length > 0) {
    const step = steps.pop() as Step;
    if ('text' in step) {
      out.push(step.text);
      continue;
    }
    if ('leave' in step) {
      open.delete(step.leave);
      continue;
    }
    let current = step.value;
    if (isContainer(current) && !Array.isArray(current) && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
      current = (current as { toJSON: () => unknown }).toJSON();
    }
    if (!isContainer(current)) {
      out.push(typeof current === 'bigint' ? String(current) : (JSON.stringify(current) ?? 'null'));
      continue;
    }
    if (open.has(current)) {
      out.push('"[cycle]"');
      continue;
    }
    open.add(current);
    // Steps run last-in first-out: push the closing bracket first and the children in reverse.
    const later: Step[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        if (index > 0) later.push({ text: ',' });
        later.push({ value: item });
      });
      pushAll(steps, [{ leave: current }, { text: ']' }], later, { text: '[' });
    } else {
      const entries = Object.entries(current).filter(([, item]) => item !== undefined && typeof item !== 'function' && typeof item !== 'symbol');
      entries.forEach(([key, item], index) => {
        later.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: item });
      });
      pushAll(steps, [{ leave: current }, { text: '}' }], later, { text: '{' });
    }
  }
  return out.join('');
}

