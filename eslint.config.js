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
    // Workflow code is replayed by Temporal and must be deterministic: no I/O, no clients,
    // no Node built-ins (Temporal's samples use the same override).
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows are deterministic: no Node built-ins.' },
            {
              group: [
                'pg',
                'kysely',
                'jsforce',
                '@hubspot/*',
                'stripe',
                'node-zendesk',
                '@amplitude/*',
              ],
              message: 'I/O belongs in activities.',
            },
            {
              group: [
                '**/connectors/**',
                '**/db/**',
                '**/sandbox/**',
                '**/runtime/**',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message:
                'Workflows import only @temporalio/workflow, activity types and pure model code.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment access in workflows.' },
      ],
    },
  },
)
