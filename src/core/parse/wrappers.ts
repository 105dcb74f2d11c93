// Text wrappers printed before a core message (denial-grammar.md section 5), read backwards from
// where the message starts: the AWS CLI's "An error occurred (<Code>) when calling the <Op>
// operation: ", CLI v2's "aws: [ERROR]: ", the Go SDK's "operation error <Svc>: <Op>, … api error
// <Code>: ", EC2's "You are not authorized to perform this operation. ", and the "<ErrorName>: "
// that JavaScript and Go v1 errors print. The Java SDK suffix is in suffix.ts; JSON and XML
// bodies in bodies.ts. Every backwards search stops at `floor`, the end of the previous denial.

import type { Source } from './source.ts';
import { endsAt, indexWithin, lastIndexWithin, startsAt } from './source.ts';
import { isErrorCode } from './tokens.ts';

interface PrefixReading {
  start: number;
  errorCode: string | null;
}

const CLI = 'an error occurred (';
const CLI_CALLING = ') when calling the ';
const CLI_OPERATION = ' operation:';
const CLI_V2 = 'aws: [error]:';
const GO_API_ERROR = 'api error ';
const GO_OPERATION = 'operation error ';
const EC2 = 'you are not authorized to perform this operation.';
/** Error names that a "<Name>: <message>" print may start with. */
const ERROR_NAME = /(?:AccessDenied|Unauthorized|Forbidden|NotAuthorized|Exception$)/;
const CLI_WINDOW = 400;
const GO_WINDOW = 2000;

function isCodeChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x5f;
}

/** All wrappers in front of `start`, outermost start, innermost error code. */
export function readPrefix(src: Source, start: number, floor: number): PrefixReading | null {
  let outermost = -1;
  let errorCode: string | null = null;
  let at = start;
  for (let round = 0; round < 4; round++) {
    const one = readOnePrefix(src, at, floor);
    if (!one) break;
    outermost = one.start;
    errorCode = errorCode ?? one.errorCode;
    at = one.start;
  }
  return outermost === -1 ? null : { start: outermost, errorCode };
}

function readOnePrefix(src: Source, start: number, floor: number): PrefixReading | null {
  const { flat, lower } = src;
  const e = start - 1 >= floor && flat.charCodeAt(start - 1) === 0x20 ? start - 1 : start;
  if (endsAt(lower, CLI_OPERATION, e, floor)) {
    const cli = lastIndexWithin(lower, CLI, Math.max(floor, e - CLI_WINDOW), e);
    if (cli !== -1) {
      const codeAt = cli + CLI.length;
      const close = indexWithin(flat, ')', codeAt, Math.min(e, codeAt + 128));
      const code = close === -1 ? '' : flat.slice(codeAt, close);
      if (close !== -1 && startsAt(lower, CLI_CALLING, close, e) && isErrorCode(code)) return { start: cli, errorCode: code };
    }
  }
  if (endsAt(lower, CLI_V2, e, floor)) return { start: e - CLI_V2.length, errorCode: null };
  if (endsAt(lower, EC2, e, floor)) return { start: e - EC2.length, errorCode: null };
  if (e - 1 >= floor && flat.charCodeAt(e - 1) === 0x3a /* : */) {
    let codeAt = e - 1;
    while (codeAt > floor && e - 1 - codeAt < 128 && isCodeChar(flat.charCodeAt(codeAt - 1))) codeAt--;
    const code = flat.slice(codeAt, e - 1);
    if (code === '' || !isErrorCode(code)) return null;
    if (endsAt(lower, GO_API_ERROR, codeAt, floor)) {
      const apiAt = codeAt - GO_API_ERROR.length;
      const op = lastIndexWithin(lower, GO_OPERATION, Math.max(floor, apiAt - GO_WINDOW), apiAt);
      return { start: op === -1 ? apiAt : op, errorCode: code };
    }
    const before = codeAt - 1 >= floor ? flat.charCodeAt(codeAt - 1) : 0x20;
    if (ERROR_NAME.test(code) && (before === 0x20 || codeAt === floor)) return { start: codeAt, errorCode: code };
  }
  return null;
}
