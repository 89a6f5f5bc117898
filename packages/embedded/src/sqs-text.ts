/**
 * fauxqs refuses characters beyond U+FFFF, which SQS accepts (names in CJK
 * Extension B, emoji): the same JSON, written with `\uD840\uDC00` escapes, passes
 * both and parses to the same value. A message body is JSON, so such characters
 * only occur inside strings, where the escape is exact.
 */
export const escapeAstral = (json: string): string =>
  json.replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}`);
