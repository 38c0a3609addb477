using System.Globalization;

namespace PoliceGrid.Web.Audit;

/// <summary>
/// The newest (id, hash) this server committed to the audit chain, kept in a file outside the database
/// (<c>Audit:AnchorPath</c>), so that deleting the newest rows, which the chain alone cannot show, is caught by verify.
/// Written after each commit of audit rows: a temporary file renamed over the old one, so a crash leaves one or the other.
/// </summary>
public sealed class AuditAnchor(string path)
{
    readonly Lock gate = new();
    long? written;

    public string Path { get; } = path;

    public static AuditAnchor From(AuditOptions options, IHostEnvironment environment) =>
        new(options.AnchorPath is { Length: > 0 } path
            ? System.IO.Path.GetFullPath(path, environment.ContentRootPath)
            : System.IO.Path.Combine(environment.ContentRootPath, "App_Data", "audit-anchor"));

    public sealed record Mark(long Id, string Hash);

    public Mark? Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        var parts = text.Trim().Split(' ');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new Mark(id, parts[1]) : null;
    }

    /// <summary>Moves the anchor forward; an older mark (a slower writer committing after a faster one) never moves it back.</summary>
    public void Write(Mark mark)
    {
        lock (gate)
        {
            // Never behind the file: a restart after the newest rows were deleted must not paper over the gap.
            written ??= Read()?.Id ?? 0;
            if (mark.Id <= written)
                return;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"{mark.Id} {mark.Hash}\n"));
            File.Move(temporary, Path, overwrite: true);
            written = mark.Id;
        }
    }

    /// <summary>Starts again from nothing, for a demo database that was thrown away and built anew.</summary>
    public void Reset()
    {
        lock (gate)
        {
            File.Delete(Path);
            written = null;
        }
    }
}
