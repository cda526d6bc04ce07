import { invalidParameter } from './graph-error';

/** One entry of Graph's `fields` parameter: a field name and, for `name{a,b}`, the subfields asked for. */
export interface FieldRequest {
  name: string;
  /** null when the whole field is asked for; the requested subfields for `name{...}`. */
  subfields: FieldRequest[] | null;
}

/**
 * How deep `a{b{c{...}}}` may nest. The sandbox's objects are at most three levels deep; the bound
 * keeps a hostile parameter from building a deep structure that later code would recurse through.
 */
export const MAX_FIELDS_DEPTH = 8;

function malformed(rule: string, position: number): Error {
  return invalidParameter(`fields: ${rule} (at character ${position + 1}); expected Graph's field expansion syntax, e.g. health_status{can_send_message}`);
}

/**
 * Parses Graph's `fields` syntax: a comma list whose entries may expand into subfields with braces,
 * nested and with commas inside (`a,b{c,d{e}}`). One pass over the characters, each looked at once,
 * so the cost is linear in the parameter's length; nesting is bounded by MAX_FIELDS_DEPTH.
 * Empty entries (`a,,b`) are skipped as before; everything else that is not well formed (unbalanced
 * braces, a brace without a field name, text after a closing brace, empty braces) is refused.
 */
export function parseFieldsParam(param: string): FieldRequest[] {
  const root: FieldRequest[] = [];
  /** The lists being filled, outermost first; the last one takes the next entry. */
  const open: FieldRequest[][] = [root];
  /** Where the current entry's name starts. */
  let start = 0;
  /** Set right after a `}`: only a comma, another `}` or spaces may follow. */
  let justClosed = false;

  const finishEntry = (end: number): void => {
    const name = param.slice(start, end).trim();
    if (name !== '') open[open.length - 1].push({ name, subfields: null });
  };

  for (let i = 0; i < param.length; i += 1) {
    const char = param[i];
    if (char === '{') {
      const name = param.slice(start, i).trim();
      if (justClosed || name === '') throw malformed('"{" must follow a field name', i);
      if (open.length > MAX_FIELDS_DEPTH) throw malformed(`expansions nest deeper than ${MAX_FIELDS_DEPTH} levels`, i);
      const field: FieldRequest = { name, subfields: [] };
      open[open.length - 1].push(field);
      open.push(field.subfields as FieldRequest[]);
      start = i + 1;
    } else if (char === '}') {
      if (open.length === 1) throw malformed('unbalanced braces: "}" without a matching "{"', i);
      if (!justClosed) finishEntry(i);
      const closing = open.pop() as FieldRequest[];
      if (closing.length === 0) throw malformed('an expansion "{}" names no subfield', i);
      justClosed = true;
      start = i + 1;
    } else if (char === ',') {
      if (!justClosed) finishEntry(i);
      justClosed = false;
      start = i + 1;
    } else if (justClosed && char.trim() !== '') {
      throw malformed('expected "," or "}" after a closing "}"', i);
    }
  }
  if (open.length > 1) throw malformed('unbalanced braces: "{" without a matching "}"', param.length - 1);
  if (!justClosed) finishEntry(param.length);
  return root;
}
