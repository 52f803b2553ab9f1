/** Types of widget/build.mjs, for the TypeScript tests that build the widget first. */
export declare const WIDGET_OUTFILE: string;
export declare const WIDGET_GZIP_BUDGET: number;
export declare function buildWidget(options?: { outfile?: string; quiet?: boolean }): Promise<{
  outfile: string;
  bytes: number;
  gzipBytes: number;
  changed: boolean;
}>;
