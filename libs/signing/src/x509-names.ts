/**
 * node:crypto renders a DN one RDN per line in encoding order ("C=CN\nO=…\nCN=…" for a
 * conventionally encoded certificate); RFC 4514 reverses that into "CN=…, O=…, C=CN".
 */
export function formatSubject(subject: string): string {
  return subject.split('\n').filter(Boolean).reverse().join(', ');
}

export function subjectAttribute(subject: string, key: string): string | undefined {
  const prefix = `${key}=`;
  return subject
    .split('\n')
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length);
}
