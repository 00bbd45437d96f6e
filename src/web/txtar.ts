// The playground holds one or several files in one text, in the txtar form Go's own tools and
// the Go playground use: a line `-- name --` starts each file. Text without such lines is one
// file, named after what it looks like (`go.mod` or `main.go`).

export interface ArchiveFile {
  name: string;
  text: string;
  /** The 1-based line of the whole text on which the file's first line stands. */
  firstLine: number;
}

const HEADER = /^-- (\S(?:.*\S)?) --$/;

export function defaultName(text: string): string {
  return /^\s*module\s+\S/.test(stripLeadingComments(text)) ? 'go.mod' : 'main.go';
}

function stripLeadingComments(text: string): string {
  return text.replace(/^(?:\s*\/\/[^\n]*\n)*/, '');
}

export function parseArchive(text: string): ArchiveFile[] {
  const lines = text.split('\n');
  const files: ArchiveFile[] = [];
  let current: { name: string; lines: string[]; firstLine: number } | null = null;
  const lead: string[] = [];
  const close = () => {
    if (current)
      files.push({ name: current.name, text: current.lines.join('\n'), firstLine: current.firstLine });
  };
  lines.forEach((line, i) => {
    const m = HEADER.exec(line.replace(/\r$/, ''));
    if (m) {
      close();
      current = { name: m[1], lines: [], firstLine: i + 2 };
    } else if (current) {
      current.lines.push(line);
    } else {
      lead.push(line);
    }
  });
  close();
  const leadText = lead.join('\n');
  if (leadText.trim() !== '') files.unshift({ name: defaultName(leadText), text: leadText, firstLine: 1 });
  // Every file's text ends with a newline, as files on disk do.
  for (const f of files) if (!f.text.endsWith('\n')) f.text += '\n';
  return files;
}

/** The archive text of some files, each under its own header. */
export function formatArchive(files: Array<{ name: string; text: string }>): string {
  return files
    .map((f) => `-- ${f.name} --\n${f.text.endsWith('\n') || f.text === '' ? f.text : `${f.text}\n`}`)
    .join('');
}
