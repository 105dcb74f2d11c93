// What of a Markdown request is read as Markdown: where injected markup would take effect.

/** Markdown outside fenced blocks and code spans: where injected markup would take effect. */
export function markdownProse(markdown: string): string {
  const lines = markdown.split('\n');
  const prose: string[] = [];
  let fence: string | null = null;
  for (const current of lines) {
    const opening = /^(`{3,})/.exec(current);
    if (fence) {
      if (current.startsWith(fence) && current.trim() === fence) fence = null;
      continue;
    }
    if (opening?.[1]) {
      fence = opening[1];
      continue;
    }
    // Code spans open on an unescaped backtick run and close on a run of the same length.
    prose.push(current.replace(/(?<![\\`])(`+)(?!`).*?(?<!`)\1(?!`)/g, ''));
  }
  return prose.join('\n');
}
