import { codePointLength, isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import { invalidParameter, invalidValue, missingParameter } from '../graph/graph-error';
import { jsonTypeName } from '../http/json-type-name';

export interface LengthRule {
  min?: number;
  max?: number;
}

export interface CountRule extends LengthRule {
  /** What the items are called in error details, e.g. "buttons". */
  noun?: string;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * A value inside a request body together with its path (`interactive.action.buttons[1].reply.title`).
 * Every accessor validates and throws a Graph error whose details start with that path, so each
 * rejection tells the client exactly which parameter broke which rule.
 * Codes: missing -> 131008, wrong JSON type / unknown key / unsupported value -> 100, limits -> 131009.
 */
export class Field {
  constructor(
    readonly path: string,
    readonly value: JsonValue | undefined,
  ) {}

  get isPresent(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  child(key: string): Field {
    const value = isJsonObject(this.value) ? this.value[key] : undefined;
    return new Field(this.path === '' ? key : `${this.path}.${key}`, value);
  }

  /** Fails with the given details, prefixed with this field's path. */
  invalid(rule: string): never {
    throw invalidValue(`${this.path}: ${rule}`);
  }

  missing(rule: string): never {
    throw missingParameter(`${this.path}: ${rule}`);
  }

  unsupported(rule: string): never {
    throw invalidParameter(`${this.path}: ${rule}`);
  }

  object(allowedKeys?: readonly string[]): JsonObject {
    const value = this.require();
    if (!isJsonObject(value)) this.wrongType('an object', value);
    if (allowedKeys !== undefined) {
      for (const key of Object.keys(value)) {
        if (!allowedKeys.includes(key)) this.child(key).unsupported('unknown parameter');
      }
    }
    return value;
  }

  optionalObject(allowedKeys?: readonly string[]): JsonObject | undefined {
    return this.isPresent ? this.object(allowedKeys) : undefined;
  }

  string(rule: LengthRule = {}): string {
    const value = this.require();
    if (typeof value !== 'string') this.wrongType('a string', value);
    this.checkLength(value, rule);
    return value;
  }

  optionalString(rule: LengthRule = {}): string | undefined {
    return this.isPresent ? this.string(rule) : undefined;
  }

  /**
   * A required text (a message body, a button title or id) where whitespace alone counts as empty,
   * the client library's `boundedText` rule: the sandbox checks clients server-side, so it must
   * never be looser than the client on the same field.
   */
  text(rule: { max?: number } = {}): string {
    const value = this.string({ min: 1 });
    if (!/\S/.test(value)) this.invalid('must not be empty (it is only whitespace)');
    this.checkLength(value, rule);
    return value;
  }

  optionalText(rule: { max?: number } = {}): string | undefined {
    return this.isPresent ? this.text(rule) : undefined;
  }

  boolean(): boolean {
    const value = this.require();
    if (typeof value !== 'boolean') this.wrongType('a boolean', value);
    return value;
  }

  optionalBoolean(): boolean | undefined {
    return this.isPresent ? this.boolean() : undefined;
  }

  number(rule: NumberRule = {}): number {
    const value = this.require();
    if (typeof value !== 'number') this.wrongType('a number', value);
    return this.checkRange(value, rule);
  }

  /** A number, or a string holding one (Meta accepts both for coordinates and button indexes). */
  numeric(rule: NumberRule = {}): number {
    const value = this.require();
    if (typeof value === 'number') return this.checkRange(value, rule);
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return this.checkRange(Number(value), rule);
    }
    if (typeof value === 'string') this.invalid(`must be a number (got '${value}')`);
    return this.wrongType('a number or a numeric string', value);
  }

  array(rule: CountRule = {}): Field[] {
    const value = this.require();
    if (!Array.isArray(value)) this.wrongType('an array', value);
    const noun = rule.noun ?? 'items';
    if (rule.min !== undefined && value.length < rule.min) {
      this.invalid(`at least ${rule.min} ${noun} required (got ${value.length})`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.invalid(`at most ${rule.max} ${noun} (got ${value.length})`);
    }
    return value.map((item, index) => new Field(`${this.path}[${index}]`, item));
  }

  optionalArray(rule: CountRule = {}): Field[] | undefined {
    return this.isPresent ? this.array(rule) : undefined;
  }

  /** A string from a fixed set; anything else is an unsupported value (code 100). */
  oneOf<T extends string>(values: readonly T[], options: { caseInsensitive?: boolean } = {}): T {
    const value = this.string();
    const match = values.find((candidate) =>
      options.caseInsensitive ? candidate.toLowerCase() === value.toLowerCase() : candidate === value,
    );
    if (match === undefined) this.unsupported(`unsupported value '${value}' (expected one of: ${values.join(', ')})`);
    return match;
  }

  /** An absolute http(s) URL. The sandbox never fetches it. */
  httpUrl(rule: LengthRule = {}): string {
    const value = this.string({ min: 1, ...rule });
    let parsed: URL | null = null;
    try {
      parsed = new URL(value);
    } catch {
      parsed = null;
    }
    if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      this.invalid(`must be an http or https URL (got '${value}')`);
    }
    return value;
  }

  private require(): JsonValue {
    if (this.value === undefined || this.value === null) {
      throw missingParameter(`${this.path}: required parameter is missing`);
    }
    return this.value;
  }

  private wrongType(expected: string, value: unknown): never {
    throw invalidParameter(`${this.path}: must be ${expected} (got ${jsonTypeName(value)})`);
  }

  private checkLength(value: string, rule: LengthRule): void {
    // Meta counts code points: an emoji is one character, not JavaScript's two UTF-16 units.
    const length = codePointLength(value);
    if (rule.min !== undefined && length < rule.min) {
      this.invalid(rule.min === 1 ? 'must not be empty' : `must be at least ${rule.min} characters (got ${length})`);
    }
    if (rule.max !== undefined && length > rule.max) {
      this.invalid(`must be at most ${rule.max} characters (got ${length})`);
    }
  }

  private checkRange(value: number, rule: NumberRule): number {
    if (!Number.isFinite(value)) this.invalid('must be a finite number');
    if (rule.integer && !Number.isInteger(value)) this.invalid(`must be an integer (got ${value})`);
    const below = rule.min !== undefined && value < rule.min;
    const above = rule.max !== undefined && value > rule.max;
    if (below || above) {
      const range =
        rule.min !== undefined && rule.max !== undefined
          ? `between ${rule.min} and ${rule.max}`
          : rule.min !== undefined
            ? `at least ${rule.min}`
            : `at most ${rule.max}`;
      this.invalid(`must be ${range} (got ${value})`);
    }
    return value;
  }
}
