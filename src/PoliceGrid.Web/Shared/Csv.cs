using System.Text;

namespace PoliceGrid.Web.Shared;

/// <summary>
/// Reads RFC 4180 CSV (quoted fields, doubled quotes, a UTF-8 byte-order mark) row by row, and writes it with every
/// cell safe to open in a spreadsheet.
/// </summary>
public static class Csv
{
    /// <summary>
    /// A cell that a spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a leading single quote
    /// (OWASP CSV injection), so a value someone typed never runs on the computer of whoever opens the file.
    /// </summary>
    public static string Neutralise(string? value)
    {
        var text = value ?? "";
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>Writes rows as CSV with a byte-order mark for Excel, every cell neutralised and quoted as needed.</summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<IReadOnlyList<string?>> rows)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        foreach (var row in rows)
            await writer.WriteAsync(string.Join(',', row.Select(Quote)) + "\r\n");
    }

    static string Quote(string? value)
    {
        var text = Neutralise(value);
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    public static IEnumerable<(int Row, string[] Fields)> Read(TextReader reader)
    {
        var row = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (row == 0 && !any && ch == '\uFEFF')
                continue;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                        quoted = false;
                }
                else
                    field.Append(ch);
            }
            else if (ch == '"')
                quoted = true;
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                    reader.Read();
                fields.Add(field.ToString());
                field.Clear();
                row++;
                if (!(fields.Count == 1 && fields[0].Length == 0))
                    yield return (row, fields.ToArray());
                fields.Clear();
            }
            else
                field.Append(ch);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (row + 1, fields.ToArray());
        }
    }
}
