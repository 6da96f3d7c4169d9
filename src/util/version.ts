// Replaced at build time from package.json (scripts/build.mjs); read at run time in tests.
declare const __CG_VERSION__: string | undefined;
export const version: string = typeof __CG_VERSION__ === 'string' ? __CG_VERSION__ : '0.0.0-dev';
