// Types of areas.mjs for stryker/run.ts.
export declare const AREAS: Record<
  'policies' | 'generators' | 'repositories' | 'http' | 'auth',
  { mutate: string[]; target: number; database: boolean }
>;
