// Request bodies of /api/auth/*: strict, so fields like `role` are refused instead of reaching the model.
import { z } from 'zod';
import { passwordProblem } from './passwordPolicy';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Invalid email address' }).max(254, { error: 'Email must be at most 254 characters' }));

export const signupBody = z
  .strictObject({
    email: emailSchema,
    password: z.string(),
    name: z.string().trim().min(1, { error: 'Name is required' }).max(100),
  })
  .superRefine(({ email, password }, ctx) => {
    const problem = passwordProblem(password, email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export const signinBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  // Anything longer cannot be a valid password; the cap keeps huge strings away from bcrypt.
  password: z.string().max(1024),
});

export type SignupBody = z.infer<typeof signupBody>;
export type SigninBody = z.infer<typeof signinBody>;

/** `?session=cookie` on signup/signin: the token goes into the httpOnly session cookie, not the body. */
export const sessionQuery = z.object({
  session: z.enum(['cookie'], { error: 'The only session mode is "cookie"' }).optional(),
});

export const passwordChangeBody = z.strictObject({
  current_password: z.string().max(1024),
  new_password: z.string(),
});
