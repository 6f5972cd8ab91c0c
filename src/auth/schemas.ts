// Request bodies of the /api/auth routes: strict, so fields like `role` are refused instead of reaching the model.
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

export type PasswordChangeBody = z.infer<typeof passwordChangeBody>;

export const forgotPasswordBody = z.strictObject({ email: emailSchema });

/** The 43-character base64url form of 32 random bytes; anything else cannot be one of ours. */
const accountToken = z.string().max(256);

export const resetPasswordBody = z.strictObject({ token: accountToken, new_password: z.string() });

export const verifyEmailBody = z.strictObject({ token: accountToken });

export const profileChangeBody = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'Name is required' }).max(100).optional(),
    email: emailSchema.optional(),
    current_password: z.string().max(1024).optional(),
  })
  .refine((body) => body.name !== undefined || body.email !== undefined, {
    error: 'Give a name or an email to change',
  });

export type ProfileChangeBody = z.infer<typeof profileChangeBody>;

export const sessionParams = z.object({ id: z.uuid({ error: 'Must be a session id' }) });
