import ts from 'typescript';

export type SyntaxResult = { parses: true } | { parses: false; line: number; message: string };

export type ScriptFlavor = 'ts' | 'tsx' | 'js' | 'jsx';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  noLib: true,
  noResolve: true,
  types: [],
};

/**
 * Parses TypeScript or JavaScript with the compiler and returns its first syntactic diagnostic (for JavaScript that
 * includes TypeScript-only syntax such as type annotations). A program over one in-memory file, without lib files,
 * resolution, type checking or emit: the code is never run.
 */
export function checkScriptSyntax(code: string, flavor: ScriptFlavor): SyntaxResult {
  const fileName = `/answer-block.${flavor}`;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.ESNext, false);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => '/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [fileName], options: OPTIONS, host });
  const first = program.getSyntacticDiagnostics(sourceFile).find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  if (first === undefined) return { parses: true };
  const line = first.start === undefined ? 1 : sourceFile.getLineAndCharacterOfPosition(first.start).line + 1;
  return { parses: false, line, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') };
}
