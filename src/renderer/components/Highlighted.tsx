/** Text with the searched words marked (folded comparison, see lib/highlight.ts). */
import { memo } from 'react';
import { highlightSegments } from '../lib/highlight';

export const Highlighted = memo(function Highlighted({ text, words }: { text: string; words: readonly string[] }) {
  if (!text) return null;
  if (words.length === 0) return <>{text}</>;
  const segments = highlightSegments(text, words);
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
});
