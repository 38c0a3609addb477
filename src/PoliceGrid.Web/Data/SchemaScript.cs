using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Web.Data;

/// <summary>
/// Prints the CREATE script EF derives from the model for one provider: the starting point for a new migration
/// (<c>dotnet run --project src/PoliceGrid.Web -- schema-script Sqlite|Postgres</c>), since EF's design-time tools are not available.
/// </summary>
public static class SchemaScript
{
    public static string For(string provider)
    {
        var options = new DbContextOptionsBuilder<PoliceGridDb>();
        DatabaseSetup.Configure(options, provider, provider == DatabaseSetup.Postgres ? "Host=localhost" : "Data Source=:memory:");
        using var db = new PoliceGridDb(options.Options);
        return db.Database.GenerateCreateScript();
    }
}
