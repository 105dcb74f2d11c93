// The request as a small document, rendered as plain text or Markdown. Headings and labels are our
// own words; every other string is treated as untrusted (it may carry page text) and escaped for
// Markdown, or only cleaned of invisible characters for plain text.

import type { Link } from '../explanation.ts';
import { cleanText, codeSpan, escapeMarkdownInline, fencedBlock, isSafeUrl, oneLine } from './text-safety.ts';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; code?: boolean }
  | { kind: 'paragraph'; text: string }
  /** A paragraph whose links stay links in Markdown: the ask ("… Denied on [the Bills page](…) at …"). */
  | { kind: 'rich'; parts: (string | Link)[] }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'code'; language: 'json' | 'sh'; text: string }
  | { kind: 'links'; links: Link[] }
  | { kind: 'verbatim'; label: string; text: string };

function renderText(block: Block): string {
  switch (block.kind) {
    case 'title': {
      const title = oneLine(block.text);
      return `${title}\n${'='.repeat(Math.min(title.length, 78))}`;
    }
    case 'heading': {
      const heading = oneLine(block.text);
      return `${heading}\n${'-'.repeat(Math.min(heading.length, 78))}`;
    }
    case 'field':
      return `${block.label}: ${oneLine(block.value)}`;
    case 'paragraph':
      return oneLine(block.text);
    case 'rich':
      return oneLine(block.parts.map((part) => (typeof part === 'string' ? part : `${part.label} (${part.url})`)).join(''));
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${oneLine(item)}`).join('\n');
    case 'code':
      return cleanText(block.text).replace(/\n+$/, '');
    case 'links':
      return block.links.map((link) => `- ${oneLine(link.label)}: ${oneLine(link.url)}`).join('\n');
    case 'verbatim':
      return `----- BEGIN ${block.label} -----\n${cleanText(block.text).replace(/\n+$/, '')}\n----- END ${block.label} -----`;
  }
}

function markdownLink(link: Link): string {
  const label = escapeMarkdownInline(link.label);
  return isSafeUrl(link.url) ? `[${label}](<${link.url}>)` : `${label}: ${codeSpan(link.url)}`;
}

/** Escapes one piece of a paragraph, keeping the spaces at its seams with the links around it. */
function escapeInlinePart(text: string): string {
  return `${/^\s/.test(text) ? ' ' : ''}${escapeMarkdownInline(text)}${/\s$/.test(text) ? ' ' : ''}`;
}

function renderMarkdown(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `# ${escapeMarkdownInline(block.text)}`;
    case 'heading':
      return `## ${escapeMarkdownInline(block.text)}`;
    case 'field':
      return `**${escapeMarkdownInline(block.label)}:** ${block.code ? codeSpan(block.value) : escapeMarkdownInline(block.value)}  `;
    case 'paragraph':
      return escapeMarkdownInline(block.text);
    case 'rich':
      return block.parts.map((part) => (typeof part === 'string' ? escapeInlinePart(part) : markdownLink(part))).join('').trim();
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${escapeMarkdownInline(item)}`).join('\n');
    case 'code':
      return fencedBlock(block.text, block.language);
    case 'links':
      return block.links.map((link) => `- ${markdownLink(link)}`).join('\n');
    case 'verbatim':
      return `${escapeMarkdownInline(block.label)}:\n\n${fencedBlock(block.text, 'text')}`;
  }
}

export function render(blocks: readonly Block[], format: 'text' | 'markdown'): string {
  const renderBlock = format === 'markdown' ? renderMarkdown : renderText;
  const rendered = blocks.map((block) => ({ kind: block.kind, out: renderBlock(block) })).filter((part) => part.out.length > 0);
  // Consecutive fields are one group, one line each; everything else is its own paragraph.
  return `${rendered
    .map((part, index) => (index === 0 ? '' : part.kind === 'field' && rendered[index - 1]?.kind === 'field' ? '\n' : '\n\n') + part.out)
    .join('')}\n`;
}
