import { describeTask, shapeFeatures, SHAPE_FEATURE_NAMES } from '@routewise/classifier';

describe('describeTask', () => {
  it('puts the latest user turn first, then the system prompt and earlier user turns', () => {
    const description = describeTask([
      { role: 'system', content: 'You are a SQL assistant.' },
      { role: 'user', content: 'Here is my schema: users(id, name)' },
      { role: 'assistant', content: 'Got it.' },
      { role: 'user', content: 'now write the query' },
    ]);
    expect(description.text.startsWith('now write the query')).toBe(true);
    expect(description.text).toContain('You are a SQL assistant.');
    expect(description.text).toContain('Here is my schema');
    expect(description.text).not.toContain('Got it.');
    expect(description.messageCount).toBe(4);
  });

  it('keeps the head and tail of a long pasted document, where instructions usually are', () => {
    const document = `Summarize the report below.\n${'Revenue grew in every region. '.repeat(500)}\nGive me five bullets.`;
    const description = describeTask([{ role: 'user', content: document }]);
    expect(description.latestTurnCharacters).toBe(document.length);
    expect(description.text.length).toBeLessThan(2200);
    expect(description.text.startsWith('Summarize the report below.')).toBe(true);
    expect(description.text.endsWith('Give me five bullets.')).toBe(true);
  });

  it('reads text parts of array content', () => {
    const description = describeTask([{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: 'data:x' } }] }]);
    expect(description.text).toBe('What is in this image?');
  });
});

describe('shapeFeatures', () => {
  it('sees code, math and length', () => {
    const code = shapeFeatures(describeTask([{ role: 'user', content: 'Fix this:\n```js\nfunction f(a) {\n  return a + 1;\n}\n```' }]));
    const math = shapeFeatures(describeTask([{ role: 'user', content: 'Compute $\\frac{1}{2} + \\sqrt{9}$.' }]));
    const index = (name: (typeof SHAPE_FEATURE_NAMES)[number]) => SHAPE_FEATURE_NAMES.indexOf(name);
    expect(code).toHaveLength(SHAPE_FEATURE_NAMES.length);
    expect(code[index('has_code_fence')]).toBe(1);
    expect(code[index('code_line_fraction')]).toBeGreaterThan(0.3);
    expect(math[index('has_math_notation')]).toBe(1);
    expect(math[index('has_code_fence')]).toBe(0);
  });
});
