using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database")
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection("ConnectionStrings").Bind(options.ConnectionStrings))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo").ValidateOnStart();
        builder.Services.AddDbContext<PoliceGridDb>((services, options) =>
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Configure(options, database.Provider, database.ConnectionString);
        });
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
                    new Text("Shell.ProviderMustBe", Sqlite, Postgres, provider).ToString());
        }
    }
}
