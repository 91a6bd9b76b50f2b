// Types of fence.js (plain JavaScript, loaded by eslint.config.js) for its test.
import type { ESLint, Rule } from 'eslint';

export const SHARED: Set<string>;
export const PUBLIC: Record<string, string[]>;
export function isTestFile(file: string): boolean;
export function moduleOf(file: string): string | null;
export function resolveSpecifier(from: string, spec: string): string | null;
export const featureFence: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
