/** One fenced code block of a Markdown answer. */
export interface CodeBlock {
  /** 1-based, counting every fenced block in the answer. */
  number: number;
  /** The info string's first word, lower-cased; '' when unlabeled. */
  language: string;
  code: string;
  /** False when the answer ended inside the block (CommonMark: the block then runs to the end). */
  closed: boolean;
}

const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

/**
 * The fenced blocks (``` or ~~~) of an answer. More lenient than CommonMark about indentation, because models put
 * blocks inside list items: the opening fence may be indented any amount, and that much indentation is removed
 * from the block's lines. A closing fence uses the same character, at least as many, and nothing after it.
 */
export function findCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const opening = OPENING_FENCE.exec(lines[index] ?? '');
    index += 1;
    if (opening === null) continue;
    const indent = opening[1]?.length ?? 0;
    const fence = opening[2] ?? '```';
    const closing = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const body: string[] = [];
    let closed = false;
    while (index < lines.length) {
      const line = lines[index] ?? '';
      index += 1;
      if (closing.test(line)) {
        closed = true;
        break;
      }
      body.push(removeIndent(line, indent));
    }
    blocks.push({ number: blocks.length + 1, language: normalizeLanguage(opening[3] ?? ''), code: body.join('\n'), closed });
  }
  return blocks;
}

function removeIndent(line: string, indent: number): string {
  let removed = 0;
  while (removed < indent && (line[removed] === ' ' || line[removed] === '\t')) removed += 1;
  return line.slice(removed);
}

/** `{.python}` and `python:main.py` both name python. */
function normalizeLanguage(infoWord: string): string {
  return infoWord.replace(/^\{?\.?/, '').replace(/[}:,].*$/, '').toLowerCase();
}
