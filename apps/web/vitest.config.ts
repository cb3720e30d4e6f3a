import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * Web tests: `*.test.ts` beside the code (jest owns `*.spec.ts`). Pure helpers run in node;
 * a component test asks for a DOM with `// @vitest-environment happy-dom`.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
    },
  }),
);
