import { isJsonObject } from './json';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

/** A provider's answer body read as a JSON object, or why it is not one (for the error message). */
export type JsonAnswer = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Answers are handed on to workflows and agents (template components, settings), which serialize
 * them recursively: an answer nested deeper than any real one is refused here, like one that is
 * not JSON, rather than overflowing the stack further on.
 */
export function readJsonAnswer(text: string): JsonAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'a body that is not a JSON object' };
  }
  if (!isJsonObject(parsed)) return { ok: false, problem: 'a body that is not a JSON object' };
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) return { ok: false, problem: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` };
  return { ok: true, value: parsed };
}
