using Microsoft.EntityFrameworkCore;

namespace PoliceGrid.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? Sqlite;
        var connection = builder.Configuration.GetConnectionString("PoliceGrid") ?? "Data Source=policegrid.db";
        builder.Services.AddDbContext<PoliceGridDb>(options => Configure(options, provider, connection));
        builder.Services.AddScoped<DemoSeed>();
    }

    public static void Configure(DbContextOptionsBuilder options, string provider, string connection)
    {
        switch (provider)
        {
            case Sqlite:
                options.UseSqlite(connection);
                break;
            case Postgres:
                options.UseNpgsql(connection);
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider 只能是 {Sqlite} 或 {Postgres} / Database:Provider must be {Sqlite} or {Postgres}, not '{provider}'.");
        }
    }
}
