import { isRefusalText, NonEmptyCheck } from '../src/index';
import { runAnswerCheckContract } from './answer-check-contract';
import { answerWith, contextWith, requestWith, WEATHER_TOOL_CALL } from './answers';

runAnswerCheckContract('non_empty', async () => ({ check: new NonEmptyCheck(), close: async () => undefined }));

describe('NonEmptyCheck', () => {
  const check = new NonEmptyCheck();

  it('passes a real answer and says how long it is', async () => {
    const result = await check.run(contextWith({ content: 'Paris.' }));
    expect(result).toEqual({ check: 'non_empty', passed: true, reason: '6 characters, finish_reason stop', costUsd: 0 });
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t'],
    ['null', null],
  ])('fails %s content without tool calls', async (_label, content) => {
    const result = await check.run(contextWith({ content }));
    expect(result).toMatchObject({ passed: false, reason: 'empty answer' });
  });

  it('passes an answer that only calls tools', async () => {
    const result = await check.run(contextWith({ content: null, toolCalls: [WEATHER_TOOL_CALL] }));
    expect(result).toMatchObject({ passed: true, reason: 'tool calls without text' });
  });

  it('fails a truncated answer, even when its text looks fine', async () => {
    const result = await check.run(contextWith({ content: 'The three causes are: first, the', finishReason: 'length' }));
    expect(result).toMatchObject({ passed: false, reason: 'truncated: finish_reason is length' });
  });

  it('fails an answer stopped by the content filter', async () => {
    const result = await check.run(contextWith({ content: '', finishReason: 'content_filter' }));
    expect(result).toMatchObject({ passed: false, reason: 'refused: finish_reason is content_filter' });
  });

  it("fails an answer with the API's refusal field and quotes it", async () => {
    const result = await check.run(contextWith({ content: null, refusal: "I'm sorry, I can't assist with that request." }));
    expect(result).toMatchObject({ passed: false, reason: `refused: "I'm sorry, I can't assist with that request."` });
  });

  it('fails a short answer that is only a refusal', async () => {
    const result = await check.run(contextWith({ content: "I'm sorry, but I can't help with that." }));
    expect(result).toMatchObject({ passed: false, reason: `refused: "I'm sorry, but I can't help with that."` });
  });

  it('fails an answer with no choices', async () => {
    const result = await check.run({ request: requestWith(), answer: { ...answerWith(), choices: [] } });
    expect(result).toMatchObject({ passed: false, reason: 'the answer has no choices' });
  });
});

describe('isRefusalText', () => {
  it.each([
    "I'm sorry, but I can't help with that.",
    'I’m sorry, but I can’t comply with that request.',
    'I cannot help with that.',
    "I can't assist with that request.",
    'Sorry, I cannot help with this.',
    "I'm unable to help with that.",
    "I'm sorry. I can't help with that.",
    'Unfortunately, I am not able to assist with this request!',
    "I won't help with that. If you have another question, I'm happy to help.",
    'I CAN\'T HELP WITH THAT',
  ])('reads %j as a refusal', (text) => {
    expect(isRefusalText(text)).toBe(true);
  });

  it.each([
    "I can't help but notice the bug is on line 3: the loop never ends.",
    "I can't provide a definitive answer, but Paris has been the capital since 987.",
    "I can't help with that directly, but here is how the API works: call list() first.",
    'Sorry for the confusion earlier: the answer is 42.',
    'You cannot do that in SQL; use a window function instead.',
    "I'm sorry to hear that. Here is how to reset your password: open Settings, then Security.",
    `I'm sorry, but I can't help with that part. ${'However, the rest of your question has a long answer. '.repeat(8)}`,
    '',
  ])('does not read %j as a refusal', (text) => {
    expect(isRefusalText(text)).toBe(false);
  });
});
