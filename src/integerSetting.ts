// The zod rule for a whole-number setting read as text, shared by the app's config and the infra stack config.
import { z } from 'zod';

/** A whole number from `min` to `max`; each failure names the rule it broke. */
export const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
