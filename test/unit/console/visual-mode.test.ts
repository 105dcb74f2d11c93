// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { readVisualMode, watchVisualMode } from '../../../src/console/visual-mode.ts';

const settle = () => new Promise((done) => setTimeout(done, 0));

afterEach(() => {
  document.body.className = '';
  document.body.replaceChildren();
});

describe("the console's visual mode", () => {
  test('dark from either Cloudscape class; light on a Cloudscape page without it; nothing on another page', () => {
    expect(readVisualMode(document)).toBeNull();
    document.body.innerHTML = '<div class="awsui_root_hi4gx_1nfsv_145"></div>';
    expect(readVisualMode(document)).toBe('light');
    document.body.classList.add('awsui-dark-mode');
    expect(readVisualMode(document)).toBe('dark');
    document.body.className = 'awsui-polaris-dark-mode';
    expect(readVisualMode(document)).toBe('dark');
    // The legacy AWS-UI markup and the console's navigation header count as console pages too.
    document.body.className = '';
    document.body.innerHTML = '<div class="awsui-alert-type-error"></div>';
    expect(readVisualMode(document)).toBe('light');
    document.body.innerHTML = '<div id="awsc-navigation-container"></div>';
    expect(readVisualMode(document)).toBe('light');
  });

  test('a switch is reported once per change, and not after stop', async () => {
    document.body.innerHTML = '<div class="awsui_root_hi4gx_1nfsv_145"></div>';
    const seen: (string | null)[] = [];
    const stop = watchVisualMode(document, (mode) => seen.push(mode));
    document.body.classList.add('awsui-dark-mode');
    await settle();
    document.body.classList.add('unrelated');
    await settle();
    document.body.classList.remove('awsui-dark-mode');
    await settle();
    stop();
    document.body.classList.add('awsui-dark-mode');
    await settle();
    expect(seen).toEqual(['dark', 'light']);
  });
});
