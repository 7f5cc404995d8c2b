import { type NodePath, type PluginObj, transformSync, type types } from '@babel/core';

/** Built only from literals and property reads: evaluating it or not changes nothing. */
function isConstantData(path: NodePath<types.Node | null | undefined>): boolean {
  if (path.isStringLiteral() || path.isNumericLiteral() || path.isBooleanLiteral() || path.isNullLiteral()) {
    return true;
  }
  if (path.isTemplateLiteral())
    return path.get('expressions').every((expression) => isConstantData(expression));
  if (path.isMemberExpression()) {
    const object = path.get('object');
    return !path.node.computed && (object.isIdentifier() || isConstantData(object));
  }
  if (path.isObjectExpression()) {
    return path
      .get('properties')
      .every(
        (property) =>
          property.isObjectProperty() && !property.node.computed && isConstantData(property.get('value')),
      );
  }
  return false;
}

const dropUnusedConstants: PluginObj = {
  visitor: {
    Program(program) {
      for (const statement of program.get('body')) {
        if (!statement.isVariableDeclaration() || statement.node.kind !== 'const') continue;
        for (const declarator of statement.get('declarations')) {
          const id = declarator.get('id');
          if (!id.isIdentifier()) continue;
          const binding = program.scope.getBinding(id.node.name);
          if (binding && !binding.referenced && isConstantData(declarator.get('init'))) declarator.remove();
        }
      }
    },
  },
};

/**
 * Drops the top-level constants of a style module that only its CSS rules used, such as Fluent's
 * `` const boxShadowStrokeWidthThinMoz = `calc(${tokens.strokeWidthThin} + 0.25px)` ``. Once the rules are
 * extracted nothing reads them, but a bundler keeps the template literal (turning a value into a string may
 * run code), and with it Fluent's whole table of theme tokens in the start chunk.
 */
export function dropUnusedStyleConstants(code: string, filename: string): string {
  const result = transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: 'module',
    plugins: [dropUnusedConstants],
  });
  if (!result?.code) throw new Error(`Could not clean up the style constants of ${filename}`);
  return result.code;
}
