import type { z } from 'zod';
import { WhatsAppUnsupportedError } from '../errors/other-errors';
import type { Capability, Provider, ProviderCapabilities } from '../providers/provider';
import { parseInput } from '../validation/parse';

export type Resource = 'message' | 'media' | 'template' | 'phoneNumber' | 'businessProfile';

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
  execute(provider: Required<Pick<ProviderCapabilities, Capability>>, input: z.output<I>): Promise<z.output<R>>;
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
      if (!supports(provider, spec.requires)) throw new WhatsAppUnsupportedError(spec.name, provider.label);
      const parsed = parseInput(spec.input, input, provider.name);
      return spec.execute(provider as Required<Pick<ProviderCapabilities, Capability>>, parsed);
    },
  };
}
