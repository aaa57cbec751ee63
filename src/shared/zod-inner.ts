import { z } from 'zod';

/** The schema under optional / nullable / default wrappers: what a field's value really is. */
export function innerSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    s = s.unwrap() as z.core.$ZodType;
  }
  return s;
}
