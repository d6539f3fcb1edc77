/** The project's own prompts (data/prompts) as a source; each file is `routewise_prompts/<file>`. */
export const OWN_PROMPTS_SOURCE = 'routewise_prompts';

/** The source a leave-one-source-out evaluation leaves out whole: every own-prompts file counts as one source. */
export function evaluationSourceOf(source: string): string {
  return source.startsWith(`${OWN_PROMPTS_SOURCE}/`) ? OWN_PROMPTS_SOURCE : source;
}
