/** Names a value's JSON type the way error details talk about it ("array", not typeof's "object"). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
