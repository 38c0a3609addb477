using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>The header row of a ledger: which of a ledger's columns each cell names, and the cells it does not know.</summary>
public sealed class LedgerHeader
{
    readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    readonly Dictionary<string, LedgerColumn> byHeader = new(StringComparer.Ordinal);
    IReadOnlyList<LedgerColumn> columns = [];

    public IReadOnlyList<string> Names { get; private init; } = [];
    public List<string> Ignored { get; } = [];

    /// <summary>The header, when at least three of the row's cells name columns of the ledger.</summary>
    public static LedgerHeader? Of(string[] fields, IReadOnlyList<LedgerColumn> columns)
    {
        var header = new LedgerHeader { Names = fields.Select(f => f.Trim()).ToList(), columns = columns };
        foreach (var column in columns)
        {
            foreach (var name in column.Headers())
                header.byHeader.TryAdd(name, column);
        }
        for (var i = 0; i < fields.Length; i++)
        {
            if (header.byHeader.GetValueOrDefault(LedgerColumns.NormaliseHeader(fields[i])) is { } column)
                header.index.TryAdd(column.Key, i);
            else if (fields[i].Trim().Length > 0)
                header.Ignored.Add(fields[i].Trim());
        }
        return header.index.Count >= 3 ? header : null;
    }

    /// <summary>The header among the first ten rows of the reader, which then stands on that row; null when none names the ledger's columns.</summary>
    public static LedgerHeader? Find(LedgerReader reader, IReadOnlyList<LedgerColumn> columns)
    {
        LedgerHeader? header = null;
        for (var i = 0; i < 10 && header is null && reader.Next(); i++)
            header = Of(reader.Current.Fields, columns);
        return header;
    }

    public bool Has(string key) => index.ContainsKey(key);

    /// <summary>The required columns the header lacks.</summary>
    public List<LedgerColumn> Missing(IEnumerable<string> required) =>
        required.Where(k => !index.ContainsKey(k)).Select(k => columns.Single(c => c.Key == k)).ToList();

    public string Cell(string[] fields, string key) => index.TryGetValue(key, out var i) && i < fields.Length ? fields[i].Trim() : "";

    public string ColumnName(string key) =>
        index.TryGetValue(key, out var i) ? Names[i] : columns.FirstOrDefault(c => c.Key == key)?.Zh ?? key;

    /// <summary>The refusal of a file without the columns a ledger needs, naming each in both languages.</summary>
    public static Text MissingColumns(IReadOnlyList<LedgerColumn> missing) => new("Register.NotALedgerMissingColumns", Text.Data(
        string.Join(Words.Zh("Shell.ListComma"), missing.Select(m => m.Zh)),
        string.Join(Words.En("Shell.ListComma"), missing.Select(m => Words.En("Register.ColumnBothNames", m.Zh, m.En)))));
}

/// <summary>Rows of a file that may break half-way (a damaged workbook): the break becomes a refusal, not an error page.</summary>
public sealed class LedgerReader(IEnumerable<(int Row, string[] Fields)> rows) : IDisposable
{
    readonly IEnumerator<(int Row, string[] Fields)> rows = rows.GetEnumerator();

    public (int Row, string[] Fields) Current => rows.Current;

    public Text? Failure { get; private set; }

    public bool Next()
    {
        if (Failure is not null)
            return false;
        try
        {
            return rows.MoveNext();
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
            or InvalidOperationException or FormatException)
        {
            Failure = new Text("Register.TheFileIsDamagedAndCannot", e.GetType().Name);
            return false;
        }
    }

    public void Dispose() => rows.Dispose();
}
