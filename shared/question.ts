import { z } from 'zod';

/**
 * Which question a check answers: `outgoing`, "this PC cannot connect to that computer" (the default), or
 * `incoming`, "people cannot connect to this PC" (engine/incoming-question.ts).
 */
export const QuestionSchema = z.enum(['outgoing', 'incoming']);
export type Question = z.infer<typeof QuestionSchema>;
