/** Types of studio/build.mjs, for the TypeScript tests that build the page first. */
export declare const STUDIO_OUTDIR: string;
export declare function buildStudio(options?: { outdir?: string; quiet?: boolean }): Promise<{ script: string; bytes: number; changed: boolean }>;
