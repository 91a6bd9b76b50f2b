import { register } from 'node:module';

// The benchmark calls the data layer in-process, outside Next. Its modules import `server-only`,
// which throws anywhere but a React Server Component build; here it resolves to an empty module
// instead (as vitest's alias does for the data-layer tests). Import this before any data-layer
// module is loaded, and load those with `import()`: static imports are resolved before any code runs.
const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export%20%7B%7D%3B', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
