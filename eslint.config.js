import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.cs360', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed by Temporal and must be deterministic: no I/O, no clients, no
    // clock or environment, no Node built-ins (Temporal's samples use the same override). Values
    // may come only from the workflow API, pure model code and cs360's error names; anything
    // else only as a type (activities, their inputs and results).
    files: ['src/workflows/**/*.ts'],
    ignores: ['src/workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.\\./model/|\\.\\./errors\\.js$|\\./)',
              allowTypeImports: true,
              message:
                'Workflows import values only from @temporalio/workflow, src/model and src/errors.ts; anything else as `import type`.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment access in workflows.' },
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Use workflowInfo().startTime: business dates come from the run, not a clock.',
        },
        { object: 'Math', property: 'random', message: 'Use uuid4() or a seeded value passed in.' },
      ],
    },
  },
)
