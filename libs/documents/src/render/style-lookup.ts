/*
 * pdfmake looks up every style property of every inline through its style stack: about twenty
 * properties for each character of a body set on the grid (each is an inline of its own). Each
 * lookup pushes the inline and its named styles onto the stack, makes a closure for the callback
 * and another for the named-style search, and a Set per named style it visits: a fifth of what a
 * notice allocated, and with the garbage collector about a tenth of its CPU.
 *
 * For a layout marked as the product's (`lookUpStylesDirectly`), the same search is made without
 * pushing or allocating: the inline's own value, then its named styles from the last to the first,
 * then the stack from the top, then the default style, exactly the order pdfmake's push and
 * search give. Named styles that extend others keep pdfmake's search (they are not marked).
 * The benchmarks' bare pdfmake lays out unmarked, as pdfmake ships.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
type Style = Record<string, unknown>;
type Override = string | Style;
interface StyleStack {
  styleDictionary: Style | null;
  defaultStyle: Style;
  styleOverrides: Override[];
  getProperty(property: string): unknown;
}
interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(
    item: unknown,
    stack: StyleStack | undefined,
    property: string,
    fallback: unknown,
  ): unknown;
}
const StyleContextStack = require('pdfmake/js/StyleContextStack').default as StyleStackClass;

const DIRECT = Symbol('styles looked up directly');

/**
 * The `styles` of a definition about to be laid out, marked so its lookups go direct: a copy when
 * it has some (none of which extends another), or an empty set of them. Undefined when one extends
 * another: pdfmake's own search follows those.
 */
export function lookUpStylesDirectly<S extends object>(styles: S | undefined): S | undefined {
  if (styles && Object.values(styles).some((s) => s && typeof s === 'object' && 'extends' in s))
    return styles;
  const marked = { ...styles } as S;
  Object.defineProperty(marked, DIRECT, { value: true });
  return marked;
}

const direct = (stack: StyleStack | undefined): stack is StyleStack =>
  !!stack?.styleDictionary && (stack.styleDictionary as Record<symbol, unknown>)[DIRECT] === true;

const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

function fromStyle(stack: StyleStack, name: string, property: string): unknown {
  const style = stack.styleDictionary![name] as Style | undefined;
  return style ? style[property] : undefined;
}

function fromStack(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides;
  for (let i = overrides.length - 1; i >= 0; i--) {
    const item = overrides[i];
    const value = isString(item) ? fromStyle(stack, item, property) : item[property];
    if (value !== undefined && value !== null) return value;
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

const getProperty = StyleContextStack.prototype.getProperty;
StyleContextStack.prototype.getProperty = function (this: StyleStack, property: string) {
  return direct(this) ? fromStack(this, property) : getProperty.call(this, property);
};

const getStyleProperty = StyleContextStack.getStyleProperty;
StyleContextStack.getStyleProperty = function (item, stack, property, fallback) {
  if (!direct(stack)) return getStyleProperty.call(this, item, stack, property, fallback);
  // Even a string's own property, as pdfmake asks it ('text'.bold is String.prototype.bold).
  const own = (item as Style)[property];
  if (own !== undefined && own !== null) return own;
  let value: unknown;
  if (isString(item)) value = fromStack(stack, property);
  else {
    const inline = item as Style;
    // pdfmake pushes a section node's nothing, any other node's named styles and then the node.
    const names = inline.section === undefined && inline.style ? inline.style : undefined;
    if (Array.isArray(names)) {
      for (let i = names.length - 1; i >= 0 && (value === undefined || value === null); i--)
        value = isString(names[i]) ? fromStyle(stack, names[i], property) : (names[i] as Style)[property];
    } else if (names !== undefined) {
      value = isString(names) ? fromStyle(stack, names, property) : (names as Style)[property];
    }
    if (value === undefined || value === null) value = fromStack(stack, property);
  }
  return value !== undefined && value !== null ? value : fallback;
};
