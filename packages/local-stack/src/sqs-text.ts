/**
 * fauxqs refuses characters beyond U+FFFF, which SQS accepts (names in CJK
 * Extension B, emoji). A JSON body written with `\uD840\uDC00` escapes instead
 * passes both and parses to the same value: in JSON such characters only occur
 * inside strings, where the escape is exact. A body that is not JSON is left as
 * it is.
 */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;

export function escapeAstral(body: string): string {
  if (!ASTRAL.test(body)) return body;
  ASTRAL.lastIndex = 0;
  try {
    JSON.parse(body);
  } catch {
    return body;
  }
  return body.replace(ASTRAL, (c) => `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}`);
}
