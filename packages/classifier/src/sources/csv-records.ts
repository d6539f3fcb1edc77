/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) into records keyed by the header. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...records] = rows;
  if (!header) return [];
  return records
    .filter((record) => record.length > 1 || record[0] !== '')
    .map((record) => Object.fromEntries(header.map((name, column) => [name, record[column] ?? ''])));
}
