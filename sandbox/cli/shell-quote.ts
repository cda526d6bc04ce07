/** Wraps a value in single quotes for a POSIX shell, for the curl examples the banners print. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
