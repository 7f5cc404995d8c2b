import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let parserPromise: Promise<Parser> | undefined;

/** One shared tree-sitter parser for PowerShell, loaded from the grammar's wasm in node_modules. */
export function loadPowerShellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(
      require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'),
    );
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}
