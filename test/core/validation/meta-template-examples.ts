import { metaTemplateCreateExamples } from '../../fixtures/meta-examples';

/**
 * Meta's own template-create request examples (OpenAPI v23.0; the "Create catalog template" example
 * there is a copy of the ONE_TAP authentication example). `<TEMPLATE_NAME>` is left as in the spec;
 * tests substitute a valid name.
 */
export const META_TEMPLATE_CREATE_EXAMPLES: Record<string, Record<string, unknown>> = metaTemplateCreateExamples();
