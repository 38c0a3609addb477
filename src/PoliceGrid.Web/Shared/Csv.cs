using System.Text;

namespace PoliceGrid.Web.Shared;

/// <summary>Reads RFC 4180 CSV (quoted fields, doubled quotes, a UTF-8 byte-order mark) row by row.</summary>
public static class Csv
{
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
