import type { z } from 'zod';
import { WhatsAppUnsupportedError } from '../errors/other-errors';
import type { Capability, Provider, ProviderCapabilities } from '../providers/provider';
import { alternativeFor } from '../providers/support';
import { parseInput } from '../validation/parse';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type Resource = 'message' | 'media' | 'template' | 'phoneNumber' | 'businessProfile' | 'connection' | 'account' | 'contact';

export interface OperationAnnotations {
  /** Only reads; no side effects. */
  readOnly: boolean;
  /** May change or remove something the user cares about, or reach a customer. */
  destructive: boolean;
  /** Repeating it with the same input has no further effect. */
  idempotent: boolean;
}

export interface OperationSpec<I extends z.ZodType, R extends z.ZodType> {
  name: `${Resource}.${string}`;
  resource: Resource;
  /** Short human name, e.g. "Send message". */
  title: string;
  /** What it does and when to use it; faces show it to users and models. */
  description: string;
  input: I;
  result: R;
  annotations: OperationAnnotations;
  /** Provider methods this operation needs; a provider without them does not support it. */
  requires: readonly Capability[];
  /** Runs on validated input; the provider has every method listed in `requires`. */
  execute(provider: Provider & Required<Pick<ProviderCapabilities, Capability>>, input: z.output<I>): Promise<z.output<R>>;
}

/** A catalogue entry: the single definition both faces (n8n, MCP) are generated from. */
export interface Operation<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> extends OperationSpec<I, R> {
  /** Validates `input` (throwing WhatsAppValidationError before any network call), then runs it. */
  run(provider: Provider, input: z.input<I> | unknown): Promise<z.output<R>>;
  /** Whether `provider` has every capability this operation needs. */
  supportedBy(provider: Provider): boolean;
}

export function supports(provider: Provider, capabilities: readonly Capability[]): boolean {
  return capabilities.every((capability) => typeof provider[capability] === 'function');
}

export function defineOperation<I extends z.ZodType, R extends z.ZodType>(spec: OperationSpec<I, R>): Operation<I, R> {
  return {
    ...spec,
    supportedBy: (provider) => supports(provider, spec.requires),
    async run(provider, input) {
      if (!supports(provider, spec.requires)) {
        const missing = spec.requires.find((capability) => typeof provider[capability] !== 'function');
        const alternative = missing === undefined ? null : alternativeFor(provider.name, missing);
        throw new WhatsAppUnsupportedError(spec.name, provider.label, alternative === null ? null : capitalize(alternative));
      }
      const parsed = parseInput(spec.input, input, provider.name);
      return spec.execute(provider as Provider & Required<Pick<ProviderCapabilities, Capability>>, parsed);
    },
  };
}
