// Policy documents as IAM stores them (text), their statements, and where each statement sits in the text
// (SimulatePrincipalPolicy reports StartPosition/EndPosition as 1-based line and column).

/** Scenario documents are objects or JSON text; IAM returns the text as stored. @param {object | string} document */
export function policyText(document) {
  return typeof document === 'string' ? document : JSON.stringify(document, null, 4);
}

/** @param {object | string} document @returns {any} */
export function policyObject(document) {
  return typeof document === 'string' ? JSON.parse(document) : document;
}

/** `Statement` may be one object or an array. @param {any} policy @returns {any[]} */
export function statementsOf(policy) {
  const statement = policy?.Statement;
  if (Array.isArray(statement)) return statement;
  return statement && typeof statement === 'object' ? [statement] : [];
}

/** Condition keys a statement refers to, as written. @param {any} statement @returns {string[]} */
export function conditionKeysOf(statement) {
  const condition = statement?.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return Object.values(condition).flatMap((block) => (block && typeof block === 'object' ? Object.keys(block) : []));
}

/**
 * A minimal JSON scanner that records where each value starts and ends (offsets into the text).
 * @typedef {{ start: number, end: number, kind: 'object'|'array'|'other', members?: Map<string, JsonNode>, items?: JsonNode[] }} JsonNode
 */

/** @param {string} text */
function scan(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(/** @type {string} */ (text[i]))) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  /** @returns {JsonNode} */
  const value = () => {
    ws();
    const start = i;
    if (text[i] === '{') {
      i++;
      /** @type {Map<string, JsonNode>} */
      const members = new Map();
      ws();
      while (text[i] !== '}') {
        ws();
        const key = string();
        ws();
        i++; // ':'
        members.set(key, value());
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return { start, end: i, kind: 'object', members };
    }
    if (text[i] === '[') {
      i++;
      /** @type {JsonNode[]} */
      const items = [];
      ws();
      while (text[i] !== ']') {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return { start, end: i, kind: 'array', items };
    }
    if (text[i] === '"') string();
    else while (i < text.length && !/[\s,}\]]/.test(/** @type {string} */ (text[i]))) i++;
    return { start, end: i, kind: 'other' };
  };
  return value();
}

/** @param {string} text @param {number} offset 0-based -> { Line, Column } 1-based */
function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { Line: line, Column: offset - before.lastIndexOf('\n') };
}

/**
 * Start (the opening brace) and end (just past the closing brace) of each statement, in statement order.
 * @param {string} text
 * @returns {{ StartPosition: { Line: number, Column: number }, EndPosition: { Line: number, Column: number } }[]}
 */
export function statementPositions(text) {
  const root = scan(text);
  const statement = root.members?.get('Statement');
  if (!statement) return [];
  const nodes = statement.kind === 'array' ? (statement.items ?? []) : [statement];
  return nodes.map((node) => ({ StartPosition: position(text, node.start), EndPosition: position(text, node.end) }));
}
