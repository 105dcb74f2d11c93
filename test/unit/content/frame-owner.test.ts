import { describe, expect, test } from 'vitest';
import { matchesPattern, parentRunsThisScript } from '../../../src/content/frame-owner.ts';

const BILLING = 'https://*.console.aws.amazon.com/billing/*';
const PATTERNS = [BILLING, 'https://*.console.aws.amazon.com/costmanagement/*'];

describe('match patterns', () => {
  test.each([
    ['https://console.aws.amazon.com/billing/home#/bills', true],
    ['https://us-east-1.console.aws.amazon.com/billing/home?region=us-east-1#/', true],
    ['https://111111111111-ab12cd34.us-east-1.console.aws.amazon.com/billing/home', true],
    ['https://console.aws.amazon.com/iam/home', false],
    ['http://console.aws.amazon.com/billing/home', false],
    ['https://evilconsole.aws.amazon.com.example/billing/home', false],
    ['https://notconsole.aws.amazon.com/billing/home', false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => {
    expect(matchesPattern(BILLING, url)).toBe(expected);
  });

  test('malformed patterns match nothing', () => {
    expect(matchesPattern('<all_urls>', 'https://console.aws.amazon.com/billing/')).toBe(false);
  });
});

const frame = (parent: unknown) => ({ parent }) as unknown as Window;

describe('which instance reads a frame', () => {
  test('the top frame reads itself', () => {
    const top = {} as { parent?: unknown };
    top.parent = top;
    expect(parentRunsThisScript(top as unknown as Window, PATTERNS)).toBe(false);
  });

  test('a frame whose same-origin parent runs the script stands down', () => {
    expect(parentRunsThisScript(frame({ location: { href: 'https://us-east-1.console.aws.amazon.com/billing/home#/bills' } }), PATTERNS)).toBe(true);
  });

  test('a frame under a parent the script does not run in reads itself', () => {
    expect(parentRunsThisScript(frame({ location: { href: 'https://us-east-1.console.aws.amazon.com/console/home' } }), PATTERNS)).toBe(false);
    const crossOrigin = frame({
      get location(): never {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    expect(parentRunsThisScript(crossOrigin, PATTERNS)).toBe(false);
  });
});
