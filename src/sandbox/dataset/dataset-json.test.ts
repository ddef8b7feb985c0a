import { describe, expect, it } from 'vitest'
import { formatDatasetJson } from './dataset-json.js'

describe('formatDatasetJson', () => {
  const value = {
    format: 'cs360-dataset',
    nested: {
      records: [
        { id: 1, tags: ['a'] },
        { id: 2, tags: [] },
      ],
      empty: [],
      names: ['x'],
    },
    none: {},
  }

  it('writes sections key by key and each record on its own line', () => {
    expect(formatDatasetJson(value)).toBe(
      [
        '{',
        '  "format": "cs360-dataset",',
        '  "nested": {',
        '    "records": [',
        '      {"id":1,"tags":["a"]},',
        '      {"id":2,"tags":[]}',
        '    ],',
        '    "empty": [],',
        '    "names": ["x"]',
        '  },',
        '  "none": {}',
        '}',
      ].join('\n'),
    )
  })

  it('is JSON that reads back as the same value', () => {
    expect(JSON.parse(formatDatasetJson(value))).toEqual(value)
  })
})
